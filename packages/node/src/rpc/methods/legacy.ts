/**
 * The JSON-RPC methods polkadot.js 16 calls (ecosystem.md §1): `system_*`, `chain_*`, `state_*`,
 * `author_*` and `payment_queryInfo`, with Substrate's result shapes.
 */
import {
  AccountNonceApi,
  CoreApi,
  type KeyScheme,
  MetadataApi,
  type RuntimeDispatchInfo,
  SessionKeysApi,
  TransactionPaymentApi,
} from "@canary/frame";
import { blake2_256, bytesEqual, compareBytes, decodeExtrinsic, ss58Decode, toHex } from "@canary/primitives";
import { apiAt, apiOn, type Chain } from "../../chain/index.ts";
import { PoolError, type TransactionPool, type TransactionStatus } from "../../txpool/index.ts";
import { cachedByBlock } from "../blockCache.ts";
import { invalidParams, RPC_CODES, RpcError } from "../errors.ts";
import type { RpcServer } from "../rpcServer.ts";
import { StorageSubscriptions } from "../storageSubscriptions.ts";
import { withClientErrors } from "./clientErrors.ts";
import { arg, blockAt, bytesArg, headerJson, isOpaqueExtrinsic, optionalBytes } from "./params.ts";
import { storageSize } from "./stateQueries.ts";

export interface NodeInfo {
  chain: Chain;
  pool: TransactionPool;
  /** Submits to the pool (and seals at once with instant seal); throws PoolError. */
  submit(bytes: Uint8Array): Uint8Array;
  name: string;
  version: string;
  chainName: string;
  chainType: string;
  properties: object;
  /** libp2p peer id of the node's network key. */
  peerId: string;
  /** "Authority" when it authors blocks, else "Full". */
  role: "Authority" | "Full";
  /** Peers and sync, when the node is networked. */
  network?: {
    peers(): Array<{ peerId: string; roles: string; bestHash: Uint8Array; bestNumber: number }>;
    listenAddresses(): string[];
    highestBlock(): number;
    addReservedPeer(address: string): void;
    removeReservedPeer(peerId: string): Promise<void>;
    reservedPeers(): string[];
  };
  /** What `system_health` (and GET /health) answers. */
  health?: () => { peers: number; isSyncing: boolean; shouldHavePeers: boolean };
  /** The log's filter, which `system_addLogFilter` / `system_resetLogFilter` change. */
  logFilter?: { add(directives: string): void; reset(): void };
  /** Where session keys go; rotateKeys and hasKey need it. */
  keystore?: {
    generate(scheme: KeyScheme, keyType: Uint8Array, seed: Uint8Array | undefined): Uint8Array;
    has(publicKey: Uint8Array, keyType: Uint8Array): boolean;
  };
}

const MAX_KEYS_PAGE = 1000;

export function registerLegacy(server: RpcServer, node: NodeInfo): void {
  const { chain, pool } = node;
  const reg = (name: string, h: Parameters<RpcServer["register"]>[1], o?: { unsafe?: boolean }) =>
    server.register(name, withClientErrors(name, h), o);

  // --- system ---
  reg("system_name", () => "Canary Node");
  reg("system_version", () => node.version);
  reg("system_chain", () => node.chainName);
  reg("system_chainType", () => node.chainType);
  reg("system_properties", () => node.properties);
  reg("system_health", () => node.health?.() ?? { peers: 0, isSyncing: false, shouldHavePeers: false });
  reg("system_localPeerId", () => node.peerId);
  reg("system_localListenAddresses", () => node.network?.listenAddresses() ?? []);
  reg(
    "system_peers",
    () =>
      (node.network?.peers() ?? []).map((p) => ({
        peerId: p.peerId,
        roles: p.roles,
        bestHash: toHex(p.bestHash),
        bestNumber: p.bestNumber,
      })),
    { unsafe: true },
  );
  reg("system_nodeRoles", () => [node.role]);
  const network = () => {
    if (!node.network) throw new RpcError(RPC_CODES.internalError, "this node has no network");
    return node.network;
  };
  reg(
    "system_addReservedPeer",
    (params) => {
      const address = arg(params, 0);
      if (typeof address !== "string") throw invalidParams("expected a multiaddr ending in /p2p/<peer id>");
      try {
        network().addReservedPeer(address);
      } catch (e) {
        throw invalidParams((e as Error).message);
      }
      return null;
    },
    { unsafe: true },
  );
  reg(
    "system_removeReservedPeer",
    async (params) => {
      const peerId = arg(params, 0);
      if (typeof peerId !== "string" || !/^[1-9A-HJ-NP-Za-km-z]{40,60}$/.test(peerId))
        throw invalidParams("expected a peer id (base58)");
      await network().removeReservedPeer(peerId);
      return null;
    },
    { unsafe: true },
  );
  reg("system_reservedPeers", () => network().reservedPeers(), { unsafe: true });
  reg("system_syncState", () => {
    const best = chain.best().number;
    return { startingBlock: 0, currentBlock: best, highestBlock: node.network?.highestBlock() ?? best };
  });
  reg("system_accountNextIndex", (params) => {
    const who = accountArg(params);
    const onChain = apiAt(chain, chain.best().hash, AccountNonceApi).account_nonce(who);
    // Count this account's transactions already in the pool, as Substrate's system_accountNextIndex.
    let next = onChain;
    const pending = new Set(
      pool.pending().flatMap((t) => {
        const xt = decodeExtrinsic(t.bytes);
        return xt.signed && xt.signed.address.tag === "Id" && bytesEqual(xt.signed.address.value, who)
          ? [xt.signed.extra.nonce]
          : [];
      }),
    );
    while (pending.has(next)) next++;
    return next;
  });

  // --- chain ---
  reg("chain_getBlockHash", (params) => {
    const v = arg(params, 0);
    const one = (n: unknown) => {
      if (n === undefined || n === null) return toHex(chain.best().hash);
      const number = typeof n === "string" ? Number.parseInt(n, n.startsWith("0x") ? 16 : 10) : n;
      if (typeof number !== "number" || !Number.isInteger(number) || number < 0)
        throw invalidParams("a block number is a non-negative integer");
      const hash = chain.blocks.hashAt(number);
      return hash ? toHex(hash) : null;
    };
    return Array.isArray(v) ? v.map(one) : one(v);
  });
  reg("chain_getHeader", (params) => {
    const hash = optionalBytes(params, 0, "block hash") ?? chain.best().hash;
    const header = chain.header(hash);
    return header ? headerJson(header) : null;
  });
  reg("chain_getBlock", (params) => {
    const hash = optionalBytes(params, 0, "block hash") ?? chain.best().hash;
    const block = chain.blocks.block(hash);
    return block
      ? {
          block: { header: headerJson(block.header), extrinsics: block.extrinsics.map(toHex) },
          justifications: null,
        }
      : null;
  });
  reg("chain_getFinalizedHead", () => toHex(chain.finalized().hash));
  reg("chain_getFinalisedHead", () => toHex(chain.finalized().hash));
  const heads = (
    subscribe: string,
    unsubscribe: string,
    notification: string,
    which: "best" | "all" | "finalized",
  ) =>
    server.registerSubscription({
      subscribe,
      unsubscribe,
      notification,
      start: (_params, sink) => {
        const current = which === "finalized" ? chain.finalized() : chain.best();
        queueMicrotask(() => sink.send(headerJson(chain.header(current.hash)!)));
        if (which === "finalized")
          return chain.onFinalized((b) => sink.send(headerJson(chain.header(b.hash)!)));
        return chain.onImported((b) => {
          if (which === "all" || b.best) sink.send(headerJson(b.header));
        });
      },
    });
  heads("chain_subscribeNewHeads", "chain_unsubscribeNewHeads", "chain_newHead", "best");
  heads("chain_subscribeNewHead", "chain_unsubscribeNewHead", "chain_newHead", "best");
  heads("chain_subscribeAllHeads", "chain_unsubscribeAllHeads", "chain_allHead", "all");
  heads(
    "chain_subscribeFinalizedHeads",
    "chain_unsubscribeFinalizedHeads",
    "chain_finalizedHead",
    "finalized",
  );
  heads(
    "chain_subscribeFinalisedHeads",
    "chain_unsubscribeFinalisedHeads",
    "chain_finalizedHead",
    "finalized",
  );

  // --- state ---
  const read = (hash: Uint8Array, key: Uint8Array) => chain.host(chain.stateAt(hash)).storageGet(key);
  const getStorage = (params: Parameters<typeof arg>[0]) => {
    const value = read(blockAt(chain, params, 1), bytesArg(params, 0, "storage key"));
    return value ? toHex(value) : null;
  };
  reg("state_getStorage", getStorage);
  reg("state_getStorageAt", getStorage);
  reg("state_getStorageHash", (params) => {
    const value = read(blockAt(chain, params, 1), bytesArg(params, 0, "storage key"));
    return value ? toHex(blake2_256(value)) : null;
  });
  reg("state_getStorageSize", (params) =>
    storageSize(chain.host(chain.stateAt(blockAt(chain, params, 1))), bytesArg(params, 0, "storage key")),
  );
  reg("state_getKeysPaged", (params) => {
    const prefix = optionalBytes(params, 0, "prefix") ?? new Uint8Array();
    const count = arg(params, 1);
    if (typeof count !== "number" || !Number.isInteger(count) || count < 0)
      throw invalidParams("count is a non-negative integer");
    if (count > MAX_KEYS_PAGE) {
      throw new RpcError(
        RPC_CODES.invalidCount,
        `count exceeds maximum value. value: ${count}, max: ${MAX_KEYS_PAGE}`,
      );
    }
    const start = optionalBytes(params, 2, "start key");
    const host = chain.host(chain.stateAt(blockAt(chain, params, 3)));
    const keys: string[] = [];
    let cursor: Uint8Array | undefined = start && compareBytes(start, prefix) > 0 ? start : prefix;
    if (!start && host.storageExists(prefix) && prefix.length > 0) keys.push(toHex(prefix));
    while (keys.length < count) {
      cursor = cursor === undefined ? undefined : host.storageNextKey(cursor);
      if (cursor === undefined || !startsWithBytes(cursor, prefix)) break;
      keys.push(toHex(cursor));
    }
    return keys;
  });
  reg("state_queryStorageAt", (params) => {
    const keys = arg(params, 0);
    if (!Array.isArray(keys)) throw invalidParams("keys must be an array of hex keys");
    if (keys.length > MAX_KEYS_PAGE) throw invalidParams(`at most ${MAX_KEYS_PAGE} keys at once`);
    const at = blockAt(chain, params, 1);
    const changes = keys.map((_, i) => {
      const key = bytesArg(keys as never, i, `keys[${i}]`);
      const value = read(at, key);
      return [toHex(key), value ? toHex(value) : null];
    });
    return [{ block: toHex(at), changes }];
  });
  const metadata = cachedByBlock(8, (at) => toHex(apiAt(chain, at, MetadataApi).metadata()));
  reg("state_getMetadata", (params) => metadata(blockAt(chain, params, 0)));
  reg("state_getRuntimeVersion", (params) => runtimeVersionJson(chain, blockAt(chain, params, 0)));
  reg("chain_getRuntimeVersion", (params) => runtimeVersionJson(chain, blockAt(chain, params, 0)));
  reg("state_call", (params) => {
    const method = arg(params, 0);
    if (typeof method !== "string") throw invalidParams("the first parameter is the runtime API method name");
    const data = bytesArg(params, 1, "call data");
    try {
      return toHex(chain.call(blockAt(chain, params, 2), method, data));
    } catch (e) {
      throw new RpcError(RPC_CODES.stateCallFailed, "Client error: Execution failed", (e as Error).message);
    }
  });
  reg("state_getReadProof", (params) => {
    const keys = arg(params, 0);
    if (!Array.isArray(keys)) throw invalidParams("keys must be an array of hex keys");
    if (keys.length > MAX_KEYS_PAGE) throw invalidParams(`at most ${MAX_KEYS_PAGE} keys at once`);
    const at = blockAt(chain, params, 1);
    const proof = chain.readProof(
      at,
      keys.map((_, i) => bytesArg(keys as never, i, `keys[${i}]`)),
    );
    return { at: toHex(at), proof: proof.map(toHex) };
  });
  // Served from each block's changes, within the server's key limits (rpc/storageSubscriptions.ts).
  const storageSubscriptions = new StorageSubscriptions(chain, server.limits);
  server.registerSubscription({
    subscribe: "state_subscribeStorage",
    unsubscribe: "state_unsubscribeStorage",
    notification: "state_storage",
    start: (params, sink) => {
      const list = arg(params, 0);
      if (!Array.isArray(list) || list.length === 0)
        throw invalidParams("subscribe to a non-empty list of keys");
      const keys = list.map((_, i) => bytesArg(list as never, i, `keys[${i}]`));
      return storageSubscriptions.subscribe(keys, sink);
    },
  });
  server.registerSubscription({
    subscribe: "state_subscribeRuntimeVersion",
    unsubscribe: "state_unsubscribeRuntimeVersion",
    notification: "state_runtimeVersion",
    start: (_params, sink) => {
      let last = JSON.stringify(runtimeVersionJson(chain, chain.best().hash));
      queueMicrotask(() => sink.send(JSON.parse(last)));
      return chain.onImported((b) => {
        if (!b.best) return;
        const now = JSON.stringify(runtimeVersionJson(chain, b.hash));
        if (now !== last) sink.send(JSON.parse(now));
        last = now;
      });
    },
  });

  // --- author ---
  const submit = (params: Parameters<typeof bytesArg>[0]) => {
    const bytes = bytesArg(params, 0, "extrinsic");
    try {
      return node.submit(bytes);
    } catch (e) {
      if (e instanceof PoolError) {
        const { message, data } = e.rpcError();
        throw new RpcError(e.rpcCode, message, data);
      }
      throw e;
    }
  };
  reg("author_submitExtrinsic", (params) => toHex(submit(params)));
  reg("author_pendingExtrinsics", () => pool.pending().map((t) => toHex(t.bytes)));
  server.registerSubscription({
    subscribe: "author_submitAndWatchExtrinsic",
    unsubscribe: "author_unwatchExtrinsic",
    notification: "author_extrinsicUpdate",
    start: (params, sink) => {
      const bytes = bytesArg(params, 0, "extrinsic");
      const hash = blake2_256(bytes);
      const stop = pool.watch(hash, (s) => {
        sink.send(statusJson(s));
        if (s.type === "finalized" || s.type === "dropped" || s.type === "invalid" || s.type === "usurped")
          sink.close();
      });
      try {
        submit(params);
      } catch (e) {
        stop();
        throw e;
      }
      return stop;
    },
  });
  const keystore = () => {
    if (!node.keystore)
      throw new RpcError(RPC_CODES.internalError, "Internal error", "this node has no keystore");
    return node.keystore;
  };
  reg(
    "author_rotateKeys",
    () => {
      const ks = keystore();
      const best = chain.best().hash;
      const host = chain.host(chain.stateAt(best), {
        keystoreGenerate: (s, t, seed) => ks.generate(s, t, seed),
      });
      return toHex(apiOn(chain, host, SessionKeysApi).generate_session_keys(undefined));
    },
    { unsafe: true },
  );
  reg(
    "author_hasKey",
    (params) => {
      const pub = bytesArg(params, 0, "public key");
      const type = arg(params, 1);
      if (typeof type !== "string" || type.length !== 4)
        throw invalidParams("the key type is 4 characters, e.g. babe");
      return keystore().has(pub, new TextEncoder().encode(type));
    },
    { unsafe: true },
  );
  reg(
    "author_hasSessionKeys",
    (params) => {
      const keys = bytesArg(params, 0, "session keys");
      const decoded = apiAt(chain, chain.best().hash, SessionKeysApi).decode_session_keys(keys);
      if (!decoded) throw invalidParams("these bytes are not this runtime's session keys");
      return decoded.every(([pub, type]) => keystore().has(pub, type));
    },
    { unsafe: true },
  );

  // --- payment ---
  reg("payment_queryInfo", (params) => {
    // pallet-transaction-payment-rpc: 2 when the bytes do not decode, 1 when the runtime fails.
    const xt = bytesArg(params, 0, "extrinsic");
    if (!isOpaqueExtrinsic(xt))
      throw new RpcError(
        RPC_CODES.decodeError,
        "Unable to query dispatch info.",
        "the bytes are not an extrinsic",
      );
    const at = blockAt(chain, params, 1);
    try {
      return dispatchInfoJson(apiAt(chain, at, TransactionPaymentApi).query_info(xt, xt.length));
    } catch (e) {
      throw new RpcError(RPC_CODES.runtimeError, "Unable to query dispatch info.", (e as Error).message);
    }
  });
}

function accountArg(params: Parameters<typeof arg>[0]): Uint8Array {
  const v = arg(params, 0);
  if (typeof v !== "string") throw invalidParams("an account is an SS58 address or 32-byte hex");
  try {
    if (v.startsWith("0x")) {
      const bytes = bytesArg(params, 0, "account");
      if (bytes.length === 32) return bytes;
    } else return ss58Decode(v).publicKey;
  } catch (e) {
    if (e instanceof RpcError) throw e;
  }
  throw invalidParams("an account is an SS58 address or 32-byte hex");
}

function statusJson(s: TransactionStatus): unknown {
  switch (s.type) {
    case "future":
    case "ready":
    case "dropped":
    case "invalid":
      return s.type;
    case "broadcast":
      return { broadcast: s.peers };
    case "inBlock":
      return { inBlock: toHex(s.block) };
    case "finalized":
      return { finalized: toHex(s.block) };
    case "usurped":
      return { usurped: toHex(s.by) };
  }
}

export function runtimeVersionJson(chain: Chain, at: Uint8Array) {
  const v = apiAt(chain, at, CoreApi).version();
  return {
    specName: v.spec_name,
    implName: v.impl_name,
    authoringVersion: v.authoring_version,
    specVersion: v.spec_version,
    implVersion: v.impl_version,
    apis: v.apis.map(([id, version]) => [toHex(id), version]),
    transactionVersion: v.transaction_version,
    stateVersion: v.system_version,
    systemVersion: v.system_version,
  };
}

function dispatchInfoJson(info: RuntimeDispatchInfo) {
  return {
    // sp_weights::Weight's serde names, as Substrate's RPC answers.
    weight: { ref_time: Number(info.weight.refTime), proof_size: Number(info.weight.proofSize) },
    class: info.class.tag.toLowerCase(),
    partialFee: info.partial_fee.toString(),
  };
}

function startsWithBytes(key: Uint8Array, prefix: Uint8Array): boolean {
  if (key.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (key[i] !== prefix[i]) return false;
  return true;
}
