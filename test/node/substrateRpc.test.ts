/**
 * The rest of Substrate's JSON-RPC surface on an instant-seal node (issue 13): storage history and
 * prefixes, aliases, dry runs, fee details, key insertion, extrinsic removal, log filters, and
 * Substrate's codes and words for each refusal.
 */
import { devKeypair } from "@canary/crypto";
import { ApplyExtrinsicResultCodec } from "@canary/frame";
import { fromHex, storageKey, toHex } from "@canary/primitives";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CanaryNode } from "../../packages/node/src/service/canaryNode.ts";
import { createLogger } from "../../packages/node/src/service/logger.ts";
import { DEV_ACCOUNTS } from "../../runtimes/relay/src/index.ts";
import { signedTransfer } from "../support/transfer.ts";

let node: CanaryNode;
const lines: string[] = [];

beforeAll(async () => {
  node = await CanaryNode.start({
    chain: "dev",
    tmp: true,
    validator: true,
    instantSeal: true,
    rpcPort: 0,
    prometheusPort: null,
    logger: createLogger("info", (l) => lines.push(l)),
  });
}, 60_000);

afterAll(async () => {
  await node?.stop();
});

type Answer = { result?: unknown; error?: { code: number; message: string; data?: unknown } };

async function call(method: string, params: unknown[] = []): Promise<Answer> {
  const res = await fetch(`http://127.0.0.1:${node.rpcPort}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return (await res.json()) as Answer;
}

const transfer = (nonce: number, amount = 10n ** 12n) =>
  signedTransfer(node.chain.genesisHash, devKeypair("Alice"), DEV_ACCOUNTS.Bob, amount, { nonce });

const bobKey = () => toHex(storageKey("System", "Account", ["Blake2_128Concat", DEV_ACCOUNTS.Bob]));

describe("state history and prefixes", () => {
  it("state_queryStorage gives each block where the keys changed, from the first block of the range", async () => {
    const genesis = toHex(node.chain.genesisHash);
    for (let n = 0; n < 3; n++) await call("author_submitExtrinsic", [toHex(transfer(n))]);
    expect(node.chain.best().number).toBe(3);
    const { result } = await call("state_queryStorage", [[bobKey()], genesis]);
    const sets = result as Array<{ block: string; changes: Array<[string, string | null]> }>;
    // Genesis (the initial value), then the three blocks that each credited Bob.
    expect(sets.map((s) => s.block)).toEqual([0, 1, 2, 3].map((n) => toHex(node.chain.blocks.hashAt(n)!)));
    expect(new Set(sets.map((s) => s.changes[0]![1])).size).toBe(4);
    // `to` given, and a range whose ends are swapped: 4001 with sc-rpc's words.
    const one = toHex(node.chain.blocks.hashAt(1)!);
    expect(((await call("state_queryStorage", [[bobKey()], genesis, one])).result as unknown[]).length).toBe(
      2,
    );
    const swapped = await call("state_queryStorage", [[bobKey()], one, genesis]);
    expect(swapped.error?.code).toBe(4001);
    expect(swapped.error?.message).toMatch(
      /^Cannot resolve a block range \['"1 \(0x[0-9a-f]{64}\)"' \.\.\. '"0 /,
    );
  });

  it("state_getKeys and state_getPairs list everything under a prefix, in order", async () => {
    const prefix = bobKey().slice(0, 2 + 64); // System.Account
    const keys = (await call("state_getKeys", [prefix])).result as string[];
    expect(keys).toContain(bobKey());
    expect([...keys].sort()).toEqual(keys);
    const pairs = (await call("state_getPairs", [prefix])).result as Array<[string, string]>;
    expect(pairs.map(([k]) => k)).toEqual(keys);
    const bob = (await call("state_getStorage", [bobKey()])).result;
    expect(pairs.find(([k]) => k === bobKey())?.[1]).toBe(bob);
    // A key without a value is a prefix to state_getStorageSize: the size of everything under it.
    const sizes = pairs.reduce((n, [, v]) => n + (v.length - 2) / 2, 0);
    expect((await call("state_getStorageSize", [prefix])).result).toBe(sizes);
    expect((await call("state_getStorageSize", [`${prefix}ff`])).result).toBeNull();
    const paged = await call("state_getKeysPagedAt", [prefix, 1001]);
    expect(paged.error).toEqual({
      code: 4002,
      message: "count exceeds maximum value. value: 1001, max: 1000",
    });
  });

  it("serves Substrate's aliases with the same answers", async () => {
    expect((await call("chain_getHead", [0])).result).toBe(toHex(node.chain.genesisHash));
    expect((await call("state_getStorageSizeAt", [bobKey()])).result).toBe(
      (await call("state_getStorageSize", [bobKey()])).result,
    );
    expect((await call("state_getStorageHashAt", [bobKey()])).result).toMatch(/^0x[0-9a-f]{64}$/);
    expect((await call("account_nextIndex", [toHex(DEV_ACCOUNTS.Alice)])).result).toBe(3);
    const version = await call("state_callAt", ["Core_version", "0x"]);
    expect(version.result).toBe((await call("state_call", ["Core_version", "0x"])).result);
    const methods = ((await call("rpc_methods")).result as { methods: string[] }).methods;
    for (const m of [
      "state_queryStorage",
      "state_getKeys",
      "state_getPairs",
      "state_getChildReadProof",
      "childstate_getKeys",
      "childstate_getKeysPaged",
      "childstate_getKeysPagedAt",
      "childstate_getStorage",
      "childstate_getStorageEntries",
      "childstate_getStorageHash",
      "childstate_getStorageSize",
      "system_dryRun",
      "system_dryRunAt",
      "payment_queryFeeDetails",
      "author_insertKey",
      "author_removeExtrinsic",
      "system_addLogFilter",
      "system_resetLogFilter",
      "chain_getHead",
      "state_callAt",
      "state_getKeysPagedAt",
      "state_getStorageHashAt",
      "state_getStorageSizeAt",
      "account_nextIndex",
      "subscribe_newHead",
      "unsubscribe_newHead",
    ])
      expect(methods, m).toContain(m);
    // Every listed method is served (subscriptions need a WebSocket), and none answers -32603.
    for (const m of methods.filter((n) => !/subscribe|unwatch|AndWatch|follow|_newHead/i.test(n))) {
      const code = (await call(m, [])).error?.code;
      expect(code, m).not.toBe(-32601);
      expect(code, m).not.toBe(-32603);
    }
  });
});

describe("dry runs and fees", () => {
  it("system_dryRun returns the encoded ApplyExtrinsicResult of a valid and an invalid transfer", async () => {
    // Ok(Ok(())), Err(Invalid(Stale)), Ok(Err(Token(FundsUnavailable))): sp_runtime's encoding.
    const ok = await call("system_dryRun", [toHex(transfer(3))]);
    expect(ok.result).toBe("0x0000");
    expect(ApplyExtrinsicResultCodec.dec(fromHex(ok.result as string))).toEqual({
      ok: true,
      value: { ok: true, value: undefined },
    });
    expect((await call("system_dryRunAt", [toHex(transfer(0))])).result).toBe("0x010003");
    expect((await call("system_dryRun", [toHex(transfer(3, 10n ** 30n))])).result).toBe("0x00010700");
    expect((await call("system_dryRun", ["0x1234"])).error).toEqual({
      code: 2,
      message: "Unable to dry run extrinsic",
      data: "the bytes are not an extrinsic",
    });
  });

  it("payment_queryInfo has Substrate's shape and payment_queryFeeDetails its parts", async () => {
    const xt = toHex(transfer(3));
    const info = (await call("payment_queryInfo", [xt])).result as {
      weight: { ref_time: number; proof_size: number };
      class: string;
      partialFee: string;
    };
    expect(Object.keys(info.weight)).toEqual(["ref_time", "proof_size"]);
    expect(info.class).toBe("normal");
    const details = (await call("payment_queryFeeDetails", [xt])).result as {
      inclusionFee: { baseFee: string; lenFee: string; adjustedWeightFee: string };
    };
    const { baseFee, lenFee, adjustedWeightFee } = details.inclusionFee;
    expect(BigInt(baseFee) + BigInt(lenFee) + BigInt(adjustedWeightFee)).toBe(BigInt(info.partialFee));
    expect((await call("payment_queryInfo", ["0x1234"])).error?.code).toBe(2);
  });
});

describe("author and system (unsafe on loopback)", () => {
  it("refuses what a client sends wrong with Substrate's codes and words, never -32603", async () => {
    const before = lines.filter((l) => l.includes("ERROR")).length;
    const bad = await call("author_submitExtrinsic", ["0x1234"]);
    expect(bad.error?.code).toBe(1001);
    expect(bad.error?.message).toMatch(/^Extrinsic has invalid format: /);
    const staleTx = toHex(transfer(0));
    const stale = await call("author_submitExtrinsic", [staleTx]);
    expect(stale.error).toEqual({
      code: 1010,
      message: "Invalid Transaction",
      data: "Transaction is outdated",
    });
    expect((await call("author_submitExtrinsic", [staleTx])).error).toEqual({
      code: 1012,
      message: "Transaction is temporarily banned",
    });
    expect((await call("childstate_getStorage", ["0x1234", "0x00"])).error).toEqual({
      code: 4003,
      message: "Client error: Invalid child storage key",
    });
    expect(lines.filter((l) => l.includes("ERROR")).length).toBe(before);
  });

  it("author_insertKey files a key the keystore then has; author_removeExtrinsic takes one out of the pool", async () => {
    const bob = devKeypair("Bob");
    expect((await call("author_insertKey", ["babe", "//Bob", toHex(bob.publicKey)])).result).toBeNull();
    expect((await call("author_hasKey", [toHex(bob.publicKey), "babe"])).result).toBe(true);
    expect((await call("author_insertKey", ["bab", "//Bob", toHex(bob.publicKey)])).error?.code).toBe(1000);
    // A future nonce waits in the pool (instant seal authors only ready ones).
    const future = transfer(9);
    const hash = (await call("author_submitExtrinsic", [toHex(future)])).result as string;
    expect((await call("author_pendingExtrinsics")).result).toContain(toHex(future));
    expect(
      (await call("author_removeExtrinsic", [[{ hash }, { hash: `0x${"00".repeat(32)}` }]])).result,
    ).toEqual([hash]);
    expect((await call("author_pendingExtrinsics")).result).not.toContain(toHex(future));
  });

  it("system_addLogFilter makes the log more verbose, system_resetLogFilter puts it back", async () => {
    const debugLines = () => lines.filter((l) => l.includes("DEBUG")).length;
    const before = debugLines();
    expect((await call("system_addLogFilter", ["sync=debug"])).result).toBeNull();
    await call("author_submitExtrinsic", [toHex(transfer(3))]); // authors and finalizes a block
    expect(debugLines()).toBeGreaterThan(before);
    expect((await call("system_resetLogFilter")).result).toBeNull();
    const after = debugLines();
    await call("author_submitExtrinsic", [toHex(transfer(4))]);
    expect(debugLines()).toBe(after);
    expect((await call("system_addLogFilter", ["sync=loud"])).error?.code).toBe(-32602);
  });
});
