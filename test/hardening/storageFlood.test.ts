/**
 * Issue 15 (1): storage subscriptions at scale, bounded. A block costs the keys it changed, not
 * every watched key of every subscriber read again; a subscription's keys, and all subscriptions'
 * keys together, are limited, so their memory is.
 */
import { devKeypair } from "@canary/crypto";
import { AccountId32, storageKey, toHex } from "@canary/primitives";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { CanaryNode } from "../../packages/node/src/service/canaryNode.ts";
import { createLogger } from "../../packages/node/src/service/logger.ts";
import { DEV_ACCOUNTS } from "../../runtimes/relay/src/index.ts";
import { signedTransfer } from "../support/transfer.ts";
import { until } from "../support/until.ts";

let node: CanaryNode;
const sockets: WebSocket[] = [];
beforeAll(async () => {
  node = await CanaryNode.start({
    chain: "dev",
    tmp: true,
    validator: true,
    instantSeal: true,
    rpcPort: 0,
    prometheusPort: null,
    logger: createLogger("error", () => {}),
    rpcLimits: { maxSubscribedStorageKeys: 20_000 },
  });
});
afterAll(async () => {
  for (const s of sockets) s.terminate();
  await node.stop();
});

interface Message {
  id?: number;
  result?: unknown;
  error?: { code: number; message: string };
  params?: { subscription: string; result: { block: string; changes: Array<[string, string | null]> } };
}

async function client() {
  const ws = new WebSocket(`ws://127.0.0.1:${node.rpcPort}/`);
  sockets.push(ws);
  const messages: Message[] = [];
  ws.on("message", (m) => messages.push(JSON.parse(String(m))));
  await new Promise((r) => ws.once("open", r));
  let id = 0;
  return {
    messages,
    subscribe(keys: string[]): number {
      ws.send(JSON.stringify({ jsonrpc: "2.0", id: ++id, method: "state_subscribeStorage", params: [keys] }));
      return id;
    },
  };
}

const accountKey = (who: Uint8Array) =>
  toHex(storageKey("System", "Account", ["Blake2_128Concat", AccountId32.enc(who)]));
const randomKeys = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => `0x${(seed * 1_000_003 + i).toString(16).padStart(64, "0")}`);

describe("storage subscriptions", () => {
  it("serve 100 subscriptions of 200 keys from each block's changes, within the key limits", async () => {
    const bob = accountKey(DEV_ACCOUNTS.Bob);
    const clients = await Promise.all(Array.from({ length: 5 }, client));
    // 5 connections × 20 subscriptions × 200 keys = the node's limit of 20,000 watched keys.
    for (const [c, cl] of clients.entries()) {
      for (let s = 0; s < 20; s++)
        cl.subscribe([...(s === 0 ? [bob] : []), ...randomKeys(s === 0 ? 199 : 200, c * 100 + s)]);
    }
    await until("every subscription answered", () =>
      clients.every((c) => c.messages.filter((m) => m.id).length === 20),
    );
    expect(clients.flatMap((c) => c.messages.filter((m) => m.error))).toEqual([]);
    expect(node.rpc.subscriptions).toBe(100);

    // Over the limits: one more key in all, and one subscription of 1,001 keys.
    const extra = await client();
    extra.subscribe(randomKeys(1, 999));
    extra.subscribe(randomKeys(1001, 998));
    await until("both refused", () => extra.messages.length === 2);
    const codes = [...extra.messages].sort((a, b) => a.id! - b.id!).map((m) => m.error?.code);
    expect(codes).toEqual([-32000, -32602]);

    // A block with a transfer to Bob: only the subscriptions watching Bob hear of it, and the
    // subscribers' keys are not read again (before: one state read per subscription per block).
    const stateAt = node.chain.stateAt.bind(node.chain);
    let reads = 0;
    node.chain.stateAt = (hash) => {
      reads++;
      return stateAt(hash);
    };
    const heard = () => clients.map((c) => c.messages.filter((m) => m.params).length);
    const before = heard();
    const readsBefore = reads;
    node.submit(signedTransfer(node.chain.genesisHash, devKeypair("Alice"), DEV_ACCOUNTS.Bob, 10n ** 12n));
    await until("the block is imported", () => node.chain.best().number === 1);
    await until("each Bob watcher heard of it", () => heard().every((n, i) => n === before[i]! + 1));
    const notes = clients.map((c) => c.messages.filter((m) => m.params).at(-1)!.params!.result);
    for (const n of notes) expect(n.changes.map(([k]) => k)).toEqual([bob]);
    // Authoring and importing the block read a few states; the 100 subscriptions add at most one.
    expect(reads - readsBefore).toBeLessThanOrEqual(4);
    node.chain.stateAt = stateAt;
  });
});
