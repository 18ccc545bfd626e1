/** The node's JSON-RPC methods over a real WebSocket: results, orderings and each error code. */
import { devKeypair } from "@canary/crypto";
import { toHex } from "@canary/primitives";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { CanaryNode } from "../../packages/node/src/service/canaryNode.ts";
import { createLogger } from "../../packages/node/src/service/logger.ts";
import { DEV_ACCOUNTS } from "../../runtimes/relay/src/index.ts";
import { DEV_ACCOUNT_IDS } from "../support/devAccounts.ts";
import { signedTransfer } from "../support/transfer.ts";
import { until } from "../support/until.ts";

let node: CanaryNode;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  node = await CanaryNode.start({
    chain: "dev",
    tmp: true,
    validator: false,
    rpcPort: 0,
    prometheusPort: null,
    logger: createLogger("error", () => {}),
  });
}, 60_000);

afterAll(async () => {
  for (const s of sockets) s.terminate();
  await node?.stop();
});

interface Client {
  call(
    method: string,
    params?: unknown[],
  ): Promise<{ result?: unknown; error?: { code: number; message: string; data?: unknown } }>;
  messages: unknown[];
}

async function client(): Promise<Client> {
  const ws = new WebSocket(`ws://127.0.0.1:${node.rpcPort}`);
  sockets.push(ws);
  await new Promise((r) => ws.once("open", r));
  const messages: unknown[] = [];
  const pending = new Map<number, (v: never) => void>();
  ws.on("message", (d) => {
    const m = JSON.parse(String(d));
    messages.push(m);
    if (m.id !== undefined) pending.get(m.id)?.(m as never);
  });
  let id = 0;
  return {
    messages,
    call: (method, params = []) =>
      new Promise((resolve) => {
        const n = ++id;
        pending.set(n, resolve);
        ws.send(JSON.stringify({ jsonrpc: "2.0", id: n, method, params }));
      }),
  };
}

const genesisHash = () => node.chain.genesisHash;

type FollowEvent = { event: string; operationId?: string };

/** The chainHead follow events `c` has received so far, in order. */
const followEvents = (c: Client): FollowEvent[] =>
  c.messages
    .filter((m) => (m as { method?: string }).method === "chainHead_v1_followEvent")
    .map((m) => (m as { params: { result: FollowEvent } }).params.result);

function transfer(nonce: number): Uint8Array {
  return signedTransfer(genesisHash(), devKeypair("Alice"), DEV_ACCOUNTS.Bob, 10n ** 12n, { nonce });
}

describe("legacy methods", () => {
  it("answers chain, state and system queries with Substrate's shapes", async () => {
    const c = await client();
    expect((await c.call("chain_getBlockHash", [0])).result).toBe(toHex(genesisHash()));
    expect((await c.call("chain_getBlockHash", [99])).result).toBeNull();
    const header = (await c.call("chain_getHeader")).result as { number: string; digest: { logs: string[] } };
    expect(header.number).toBe("0x0");
    const code = (await c.call("state_getStorage", ["0x3a636f6465"])).result as string;
    expect(code.length).toBeGreaterThan(1_000);
    const metadata = (await c.call("state_getMetadata")).result as string;
    expect(metadata.startsWith("0x6d657461")).toBe(true); // "meta"
    const keys = (
      await c.call("state_getKeysPaged", [
        "0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9",
        5,
      ])
    ).result as string[];
    expect(keys).toHaveLength(5); // System.Account entries of the endowed dev accounts
    const version = (await c.call("state_getRuntimeVersion")).result as { specName: string; apis: unknown[] };
    expect(version.specName).toBe("canary");
    expect(version.apis).toContainEqual(["0xdf6acb689907609b", 5]);
    expect((await c.call("system_chain")).result).toBe("Canary Development");
    expect((await c.call("system_localPeerId")).result).toMatch(/^12D3KooW[1-9A-HJ-NP-Za-km-z]{44}$/);
    expect((await c.call("system_nodeRoles")).result).toEqual(["Full"]);
  });

  it("counts pool transactions in system_accountNextIndex and refuses bad extrinsics with their pool code", async () => {
    const c = await client();
    const alice = DEV_ACCOUNT_IDS.Alice.ss58;
    expect((await c.call("system_accountNextIndex", [alice])).result).toBe(0);
    const first = toHex(transfer(0));
    expect((await c.call("author_submitExtrinsic", [first])).result).toMatch(/^0x[0-9a-f]{64}$/);
    expect((await c.call("system_accountNextIndex", [alice])).result).toBe(1);
    expect((await c.call("author_submitExtrinsic", [first])).error?.code).toBe(1013); // already in the pool
    // Signed again (sr25519 signatures differ each time): the same nonce at the same tip.
    expect((await c.call("author_submitExtrinsic", [toHex(transfer(0))])).error?.code).toBe(1014);
    const bad = transfer(1);
    bad[bad.length - 30] = (bad[bad.length - 30] ?? 0) ^ 1;
    const invalid = await c.call("author_submitExtrinsic", [toHex(bad)]);
    expect(invalid.error).toEqual({
      code: 1010,
      message: "Invalid Transaction",
      data: "Transaction has a bad signature",
    });
    expect((await c.call("author_submitExtrinsic", ["0xzz"])).error?.code).toBe(-32602);
    expect((await c.call("state_getStorage", ["0x00", "0x1234"])).error?.code).toBe(-32602);
  });
});

describe("chainHead_v1", () => {
  it("sends initialized first, after the subscription id, and enforces pinning and its limits", async () => {
    const c = await client();
    const { result: sub } = await c.call("chainHead_v1_follow", [true]);
    await until("the first follow event arrives", () => followEvents(c).length > 0);
    const firstAfterId = c.messages.find(
      (m) => (m as { method?: string }).method === "chainHead_v1_followEvent",
    ) as {
      params: { result: { event: string; finalizedBlockHashes: string[] } };
    };
    expect(c.messages.indexOf(firstAfterId)).toBeGreaterThan(0); // after the response with the id
    expect(firstAfterId.params.result.event).toBe("initialized");
    const finalized = firstAfterId.params.result.finalizedBlockHashes[0]!;
    expect(((await c.call("chainHead_v1_header", [sub, finalized])).result as string).startsWith("0x")).toBe(
      true,
    );
    expect((await c.call("chainHead_v1_unpin", [sub, [finalized, finalized]])).error?.code).toBe(-32804);
    expect((await c.call("chainHead_v1_unpin", [sub, finalized])).result).toBeNull();
    expect((await c.call("chainHead_v1_header", [sub, finalized])).error?.code).toBe(-32801);
    await c.call("chainHead_v1_follow", [false]);
    expect((await c.call("chainHead_v1_follow", [false])).error?.code).toBe(-32800);
    expect((await c.call("chainSpec_v1_genesisHash")).result).toBe(toHex(genesisHash()));
  });

  it("runs calls and storage queries as operations reported on the follow subscription", async () => {
    const c = await client();
    const { result: sub } = await c.call("chainHead_v1_follow", [false]);
    await until("the subscription is initialized", () =>
      followEvents(c).some((e) => e.event === "initialized"),
    );
    const g = toHex(genesisHash());
    const started = (await c.call("chainHead_v1_call", [sub, g, "Metadata_metadata_versions", ""]))
      .result as {
      result: string;
      operationId: string;
    };
    expect(started.result).toBe("started");
    const storage = (
      await c.call("chainHead_v1_storage", [sub, g, [{ key: "0x3a636f6465", type: "hash" }], null])
    ).result as { operationId: string };
    const done = (event: string, operationId: string) =>
      followEvents(c).some((e) => e.event === event && e.operationId === operationId);
    await until(
      "both operations report done",
      () =>
        done("operationCallDone", started.operationId) && done("operationStorageDone", storage.operationId),
    );
    const events = c.messages
      .map((m) => (m as { params?: { result?: { event: string; operationId?: string } } }).params?.result)
      .filter((e) => e?.operationId !== undefined);
    expect(events).toContainEqual({
      event: "operationCallDone",
      operationId: started.operationId,
      output: "0x080e0000000f000000",
    });
    expect(
      events.find((e) => e?.event === "operationStorageItems" && e.operationId === storage.operationId),
    ).toBeDefined();
    expect(
      events.find((e) => e?.event === "operationStorageDone" && e.operationId === storage.operationId),
    ).toBeDefined();
  });
});

describe("session keys", () => {
  it("rotates keys into the node's keystore and answers hasKey and hasSessionKeys", async () => {
    const c = await client();
    const { result: keys } = (await c.call("author_rotateKeys")) as { result: string };
    expect(keys).toMatch(/^0x[0-9a-f]{386}$/); // grandpa, babe, para_validator, para_assignment, authority_discovery (32 B each), beefy (33 B)
    const babe = `0x${keys.slice(2 + 64, 2 + 128)}`;
    expect((await c.call("author_hasKey", [babe, "babe"])).result).toBe(true);
    expect((await c.call("author_hasKey", [babe, "gran"])).result).toBe(false);
    expect((await c.call("author_hasSessionKeys", [keys])).result).toBe(true);
    const other = `0x${"11".repeat(193)}`;
    expect((await c.call("author_hasSessionKeys", [other])).result).toBe(false);
    expect((await c.call("author_hasSessionKeys", ["0x1234"])).error?.code).toBe(-32602);
    expect((await c.call("author_hasKey", [babe, "toolong"])).error?.code).toBe(-32602);
  });
});
