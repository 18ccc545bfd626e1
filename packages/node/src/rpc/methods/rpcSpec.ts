/**
 * The new JSON-RPC spec polkadot-api 2 uses (ecosystem.md §5): `chainHead_v1_*` (follow with
 * pinning and operations), `chainSpec_v1_*`, `transaction_v1_*` and `transactionWatch_v1_*`.
 */
import { randomBytes } from "node:crypto";
import { CoreApi } from "@canary/frame";
import { blake2_256, bytesEqual, Header as HeaderCodec, toHex, WELL_KNOWN_KEYS } from "@canary/primitives";
import { apiAt } from "../../chain/index.ts";
import { PoolError, type TransactionStatus } from "../../txpool/index.ts";
import { invalidParams, RPC_CODES, RpcError } from "../errors.ts";
import type { Params, RpcServer, Sink } from "../rpcServer.ts";
import type { NodeInfo } from "./legacy.ts";
import { arg, bytesArg } from "./params.ts";

const MAX_FOLLOWS_PER_CONNECTION = 2;

interface Follow {
  connection: number;
  sink: Sink;
  withRuntime: boolean;
  pinned: Set<string>;
  nextOperation: number;
}

const opId = () => randomBytes(8).toString("hex");

export function registerRpcSpec(server: RpcServer, node: NodeInfo, genesisHash: Uint8Array): void {
  const { chain } = node;
  const follows = new Map<string, Follow>();

  const runtimeJson = (hash: Uint8Array) => {
    try {
      const v = apiAt(chain, hash, CoreApi).version();
      return {
        type: "valid",
        spec: {
          specName: v.spec_name,
          implName: v.impl_name,
          specVersion: v.spec_version,
          implVersion: v.impl_version,
          transactionVersion: v.transaction_version,
          apis: Object.fromEntries(v.apis.map(([id, version]) => [toHex(id), version])),
        },
      };
    } catch (e) {
      return { type: "invalid", error: (e as Error).message };
    }
  };
  const codeOf = (hash: Uint8Array) => chain.host(chain.stateAt(hash)).storageGet(WELL_KNOWN_KEYS.code);

  /** The follow subscription named in params[0], checked to belong to this connection. */
  const followOf = (params: Params, connection: number): Follow | undefined => {
    const id = arg(params, 0);
    if (typeof id !== "string") throw invalidParams("the first parameter is the follow subscription id");
    const f = follows.get(id);
    return f && f.connection === connection ? f : undefined;
  };
  const pinnedBlock = (f: Follow, params: Params, index: number): Uint8Array => {
    const hash = bytesArg(params, index, "block hash");
    if (!f.pinned.has(toHex(hash)))
      throw new RpcError(
        RPC_CODES.invalidBlock,
        "Invalid block hash: the block is not pinned by this subscription",
      );
    return hash;
  };

  server.registerSubscription({
    subscribe: "chainHead_v1_follow",
    unsubscribe: "chainHead_v1_unfollow",
    notification: "chainHead_v1_followEvent",
    start: (params, sink, ctx) => {
      const mine = [...follows.values()].filter((f) => f.connection === ctx.connection).length;
      if (mine >= MAX_FOLLOWS_PER_CONNECTION)
        throw new RpcError(RPC_CODES.reachedLimits, "Reached the limit of chainHead_v1_follow subscriptions");
      const withRuntime = arg(params, 0) === true;
      const f: Follow = {
        connection: ctx.connection,
        sink,
        withRuntime,
        pinned: new Set(),
        nextOperation: 0,
      };
      follows.set(sink.id, f);
      const send = (event: object) => sink.send(event);
      const pin = (hash: Uint8Array) => f.pinned.add(toHex(hash));
      let finalized = chain.finalized();
      queueMicrotask(() => {
        pin(finalized.hash);
        send({
          event: "initialized",
          finalizedBlockHashes: [toHex(finalized.hash)],
          ...(withRuntime ? { finalizedBlockRuntime: runtimeJson(finalized.hash) } : {}),
        });
        const best = chain.best();
        for (let n = finalized.number + 1; n <= best.number; n++) {
          const hash = chain.blocks.hashAt(n)!;
          announce(hash, chain.header(hash)!.parentHash);
        }
        send({ event: "bestBlockChanged", bestBlockHash: toHex(best.hash) });
      });
      const announce = (hash: Uint8Array, parent: Uint8Array) => {
        pin(hash);
        let newRuntime: object | null | undefined;
        if (withRuntime) {
          const code = codeOf(hash);
          const parentCode = codeOf(parent);
          newRuntime = code && parentCode && bytesEqual(code, parentCode) ? null : runtimeJson(hash);
        }
        send({
          event: "newBlock",
          blockHash: toHex(hash),
          parentBlockHash: toHex(parent),
          ...(withRuntime ? { newRuntime } : {}),
        });
      };
      const offImported = chain.onImported((b) => {
        announce(b.hash, b.header.parentHash);
        if (b.best) send({ event: "bestBlockChanged", bestBlockHash: toHex(b.hash) });
      });
      const offFinalized = chain.onFinalized((b) => {
        const hashes: string[] = [];
        for (let n = finalized.number + 1; n <= b.number; n++) hashes.push(toHex(chain.blocks.hashAt(n)!));
        finalized = b;
        send({ event: "finalized", finalizedBlockHashes: hashes, prunedBlockHashes: [] });
      });
      return () => {
        offImported();
        offFinalized();
        follows.delete(sink.id);
      };
    },
  });

  server.register("chainHead_v1_header", (params, ctx) => {
    const f = followOf(params, ctx.connection);
    if (!f) return null;
    const header = chain.header(pinnedBlock(f, params, 1));
    return header ? toHex(HeaderCodec.enc(header)) : null;
  });

  server.register("chainHead_v1_unpin", (params, ctx) => {
    const f = followOf(params, ctx.connection);
    if (!f) return null;
    const given = arg(params, 1);
    const list = Array.isArray(given) ? given : [given];
    const hashes = list.map((_, i) => toHex(bytesArg(list as never, i, "block hash")));
    if (new Set(hashes).size !== hashes.length)
      throw new RpcError(RPC_CODES.invalidDuplicateHashes, "Duplicate hashes in chainHead_v1_unpin");
    for (const h of hashes)
      if (!f.pinned.has(h)) throw new RpcError(RPC_CODES.invalidBlock, `Invalid block hash ${h}: not pinned`);
    for (const h of hashes) f.pinned.delete(h);
    return null;
  });

  /** Starts an operation whose events follow on the follow subscription. */
  const operation = (
    params: Params,
    connection: number,
    run: (hash: Uint8Array, id: string, f: Follow) => void,
  ) => {
    const f = followOf(params, connection);
    if (!f) return { result: "limitReached" };
    const hash = pinnedBlock(f, params, 1);
    const id = opId();
    queueMicrotask(() => {
      try {
        run(hash, id, f);
      } catch (e) {
        f.sink.send({ event: "operationError", operationId: id, error: (e as Error).message });
      }
    });
    return { result: "started", operationId: id };
  };

  server.register("chainHead_v1_body", (params, ctx) =>
    operation(params, ctx.connection, (hash, id, f) => {
      const body = chain.blocks.body(hash) ?? [];
      f.sink.send({ event: "operationBodyDone", operationId: id, value: body.map(toHex) });
    }),
  );

  server.register("chainHead_v1_call", (params, ctx) => {
    const fn = arg(params, 2);
    if (typeof fn !== "string") throw invalidParams("the third parameter is the runtime function name");
    // polkadot-api sends "" for a function without parameters.
    const input = arg(params, 3) === "" ? new Uint8Array() : bytesArg(params, 3, "call parameters");
    return operation(params, ctx.connection, (hash, id, f) => {
      const output = chain.call(hash, fn, input);
      f.sink.send({ event: "operationCallDone", operationId: id, output: toHex(output) });
    });
  });

  server.register("chainHead_v1_storage", (params, ctx) => {
    const items = arg(params, 2);
    if (!Array.isArray(items)) throw invalidParams("the third parameter is the list of storage items");
    if (arg(params, 3) !== undefined && arg(params, 3) !== null)
      throw invalidParams("child tries are not supported");
    const queries = items.map((item, i) => {
      const { key, type } = (item ?? {}) as { key?: unknown; type?: unknown };
      if (typeof key !== "string" || !/^0x([0-9a-fA-F]{2})*$/.test(key))
        throw invalidParams(`items[${i}].key must be hex`);
      if (
        type !== "value" &&
        type !== "hash" &&
        type !== "descendantsValues" &&
        type !== "descendantsHashes"
      ) {
        throw invalidParams(`items[${i}].type ${String(type)} is not supported`);
      }
      return { key: bytesArg([key], 0, "key"), type };
    });
    return operation(params, ctx.connection, (hash, id, f) => {
      const host = chain.host(chain.stateAt(hash));
      const out: Array<Record<string, string>> = [];
      const push = (key: Uint8Array, value: Uint8Array, asHash: boolean) =>
        out.push(
          asHash
            ? { key: toHex(key), hash: toHex(blake2_256(value)) }
            : { key: toHex(key), value: toHex(value) },
        );
      for (const q of queries) {
        if (q.type === "value" || q.type === "hash") {
          const value = host.storageGet(q.key);
          if (value) push(q.key, value, q.type === "hash");
          continue;
        }
        const asHash = q.type === "descendantsHashes";
        const own = host.storageGet(q.key);
        if (own) push(q.key, own, asHash);
        for (let k = host.storageNextKey(q.key); k && startsWith(k, q.key); k = host.storageNextKey(k)) {
          push(k, host.storageGet(k)!, asHash);
        }
      }
      if (out.length > 0) f.sink.send({ event: "operationStorageItems", operationId: id, items: out });
      f.sink.send({ event: "operationStorageDone", operationId: id });
    });
  });

  server.register("chainHead_v1_continue", () => {
    throw new RpcError(RPC_CODES.invalidContinue, "No operation is waiting to continue");
  });
  server.register("chainHead_v1_stopOperation", () => null);

  // --- chainSpec ---
  server.register("chainSpec_v1_chainName", () => node.chainName);
  server.register("chainSpec_v1_genesisHash", () => toHex(genesisHash));
  server.register("chainSpec_v1_properties", () => node.properties);

  // --- transaction ---
  server.register("transaction_v1_broadcast", (params) => {
    const bytes = bytesArg(params, 0, "transaction");
    try {
      node.submit(bytes);
    } catch (e) {
      // The spec: an invalid transaction is dropped silently.
      if (!(e instanceof PoolError)) throw e;
    }
    return opId();
  });
  server.register("transaction_v1_stop", () => null);

  server.registerSubscription({
    subscribe: "transactionWatch_v1_submitAndWatch",
    unsubscribe: "transactionWatch_v1_unwatch",
    notification: "transactionWatch_v1_watchEvent",
    start: (params, sink) => {
      const bytes = bytesArg(params, 0, "transaction");
      const stop = node.pool.watch(blake2_256(bytes), (s) => {
        const event = watchEvent(s);
        if (event) sink.send(event);
        if (["finalized", "invalid", "dropped", "usurped"].includes(s.type)) sink.close();
      });
      try {
        node.submit(bytes);
      } catch (e) {
        stop();
        if (e instanceof PoolError) {
          queueMicrotask(() => {
            sink.send({ event: "invalid", error: e.message });
            sink.close();
          });
          return undefined;
        }
        throw e;
      }
      return stop;
    },
  });
}

function watchEvent(s: TransactionStatus): object | undefined {
  switch (s.type) {
    case "ready":
    case "future":
      return { event: "validated" };
    case "broadcast":
      return undefined; // the v1 spec has no event for it
    case "inBlock":
      return { event: "bestChainBlockIncluded", block: { hash: toHex(s.block), index: s.index } };
    case "finalized":
      return { event: "finalized", block: { hash: toHex(s.block), index: s.index } };
    case "invalid":
      return { event: "invalid", error: s.reason };
    case "dropped":
    case "usurped":
      return { event: "dropped", error: s.type };
  }
}

function startsWith(key: Uint8Array, prefix: Uint8Array): boolean {
  if (key.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (key[i] !== prefix[i]) return false;
  return true;
}
