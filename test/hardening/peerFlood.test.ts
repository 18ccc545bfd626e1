/**
 * A peer floods a validator with transactions (thousands in a few notifications): they are
 * validated a few milliseconds at a time, so the validator still authors in every slot meanwhile.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { devKeypair } from "@canary/crypto";
import { afterEach, describe, expect, it } from "vitest";
import { CanaryNode, type NodeConfig } from "../../packages/node/src/service/canaryNode.ts";
import { createLogger } from "../../packages/node/src/service/logger.ts";
import { DEV_ACCOUNTS } from "../../runtimes/relay/src/index.ts";
import { signedTransfer } from "../support/transfer.ts";
import { until } from "../support/until.ts";

const SLOT_MS = 500;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(extra: Omit<NodeConfig, "chain">): Promise<CanaryNode> {
  const basePath = mkdtempSync(join(tmpdir(), "canary-peerflood-"));
  const node = await CanaryNode.start({
    chain: "dev",
    blockTimeMs: SLOT_MS, // one slot length for the whole chain
    rpcPort: 0,
    prometheusPort: null,
    statusIntervalMs: 60_000,
    logger: createLogger("error", () => {}),
    ...extra,
    basePath,
  });
  cleanups.push(
    () => rmSync(basePath, { recursive: true, force: true }),
    () => node.stop(),
  );
  return node;
}

describe("a transaction flood from a peer", () => {
  it("does not make the validator miss a slot", async () => {
    const victim = await start({ validator: true });
    const flooder = await start({ bootnodes: [victim.network.listenAddresses()[0]!] });
    await until("the peers are connected", () => victim.network.peers().length === 1, 20_000);
    await until("the validator is authoring", () => victim.chain.best().number >= 2, 20_000);
    // Valid transfers from Alice with nonces ahead of hers: each costs the victim a runtime validation
    // (about a millisecond), 3,000 of them in three notifications.
    const alice = devKeypair("Alice");
    const txs = Array.from({ length: 3_000 }, (_, i) =>
      signedTransfer(victim.chain.genesisHash, alice, DEV_ACCOUNTS.Bob, 10n ** 10n, { nonce: i + 1_000 }),
    );
    const from = victim.chain.best().number;
    const started = Date.now();
    for (let i = 0; i < txs.length; i += 1_000)
      flooder.network.broadcastTransactions(txs.slice(i, i + 1_000));
    // The victim takes them into its pool (as future transactions, up to its limit of 512) ...
    await until("the flood reached the pool", () => victim.pool.size >= 500, 60_000);
    // ... and keeps a block in every slot while it checks the rest.
    await until("two more slots passed", () => Date.now() - started > 3 * SLOT_MS);
    const slots = Math.floor((Date.now() - started) / SLOT_MS);
    expect(victim.chain.best().number - from).toBeGreaterThanOrEqual(slots - 1);
    expect(victim.network.peers()).toHaveLength(1); // honest transactions cost the flooder nothing
    // The flooder is no validator, so it does not vote as Alice beside her.
    expect(victim.voter!.equivocations).toEqual([]);
  }, 90_000);
});
