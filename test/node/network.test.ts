/**
 * Nodes on one machine talking over real TCP: a follower syncs an authoring node's chain and
 * follows its announcements, transactions travel to the author, forks resolve to the longer chain.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { devKeypair, findBabePreDigest } from "@canary/crypto";
import { blake2_256, toHex } from "@canary/primitives";
import { afterEach, describe, expect, it } from "vitest";
import { CanaryNode, type NodeConfig } from "../../packages/node/src/service/canaryNode.ts";
import { createLogger } from "../../packages/node/src/service/logger.ts";
import { DEV_ACCOUNTS } from "../../runtimes/relay/src/index.ts";
import { freeBalance } from "../support/state.ts";
import { signedTransfer } from "../support/transfer.ts";
import { until } from "../support/until.ts";

const dirs: string[] = [];
const nodes: CanaryNode[] = [];
afterEach(async () => {
  for (const n of nodes.splice(0)) await n.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const logger = createLogger("error", () => {});

async function start(extra: Partial<NodeConfig> = {}): Promise<CanaryNode> {
  const basePath = mkdtempSync(join(tmpdir(), "canary-net-"));
  dirs.push(basePath);
  const node = await CanaryNode.start({
    chain: "dev",
    basePath,
    rpcPort: 0,
    prometheusPort: null,
    statusIntervalMs: 60_000,
    instantSeal: true, // no slot timer: these tests author by hand
    logger,
    ...extra,
  });
  nodes.push(node);
  return node;
}

const address = (node: CanaryNode) => node.network.listenAddresses()[0]!;

function authored(node: CanaryNode, count: number): void {
  for (let i = 0; i < count; i++) node.authorBlock();
}

/** A JSON-RPC call over HTTP: its result or its error. */
async function call(
  node: CanaryNode,
  method: string,
  params: unknown[] = [],
): Promise<{ result?: unknown; error?: { code: number; message: string } }> {
  const res = await fetch(`http://127.0.0.1:${node.rpcPort}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const { result, error } = (await res.json()) as {
    result?: unknown;
    error?: { code: number; message: string };
  };
  return error ? { error } : { result };
}

const rpc = async (node: CanaryNode, method: string) => (await call(node, method)).result;

const sameBest = (a: CanaryNode, b: CanaryNode) => toHex(a.chain.best().hash) === toHex(b.chain.best().hash);

describe("the p2p network", () => {
  it("syncs a new node to the author's chain, then follows its announcements", async () => {
    // A known node key gives a known peer id, so the address can be written down in advance.
    const author = await start({ validator: true, nodeKey: new Uint8Array(32).fill(0).with(31, 1) });
    expect(author.network.peerId).toBe("12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp");
    authored(author, 5);
    const follower = await start({ bootnodes: [address(author)], prometheusPort: 0 });
    await until("the follower has #5", () => follower.chain.best().number === 5);
    expect(sameBest(author, follower)).toBe(true);
    // Same state, block by block: every header (and so every state root) is the author's.
    for (let n = 1; n <= 5; n++) {
      expect(toHex(follower.chain.blocks.hashAt(n)!)).toBe(toHex(author.chain.blocks.hashAt(n)!));
    }
    authored(author, 2);
    await until("the follower follows to #7", () => follower.chain.best().number === 7);
    expect(sameBest(author, follower)).toBe(true);

    expect(follower.network.peers()).toEqual([
      expect.objectContaining({ peerId: author.network.peerId, roles: "AUTHORITY", bestNumber: 7 }),
    ]);
    await until("the author sees the follower", () => author.network.peers().length === 1);
    expect(author.network.peers()[0]).toMatchObject({ peerId: follower.network.peerId, roles: "FULL" });

    // What clients see over JSON-RPC.
    expect(await rpc(follower, "system_health")).toEqual({
      peers: 1,
      isSyncing: false,
      shouldHavePeers: false,
    });
    expect(await rpc(follower, "system_peers")).toEqual([
      {
        peerId: author.network.peerId,
        roles: "AUTHORITY",
        bestHash: toHex(author.chain.best().hash),
        bestNumber: 7,
      },
    ]);
    const listening = (await rpc(follower, "system_localListenAddresses")) as string[];
    expect(listening[0]).toMatch(
      new RegExp(`^/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/${follower.network.peerId}$`),
    );
    expect(await rpc(follower, "system_syncState")).toMatchObject({ currentBlock: 7, highestBlock: 7 });
    const metrics = await (await fetch(`http://127.0.0.1:${follower.prometheusPort}/metrics`)).text();
    expect(metrics).toContain("substrate_sub_libp2p_peers_count 1");
    const bytesIn = /substrate_sub_libp2p_network_bytes_total\{direction="in"\} (\d+)/.exec(metrics)?.[1];
    expect(Number(bytesIn)).toBeGreaterThan(1000); // seven blocks came in
  });

  it("connects and lets go of reserved peers over JSON-RPC, and refuses bad addresses", async () => {
    const author = await start({ validator: true });
    authored(author, 2);
    const follower = await start();
    expect(await call(follower, "system_addReservedPeer", [address(author)])).toEqual({ result: null });
    await until("the follower synced through its reserved peer", () => follower.chain.best().number === 2);
    expect(await call(follower, "system_reservedPeers")).toEqual({ result: [author.network.peerId] });

    for (const bad of ["nonsense", "/ip4/127.0.0.1/tcp/1", 5]) {
      const { error } = await call(follower, "system_addReservedPeer", [bad]);
      expect(error).toMatchObject({
        code: -32602,
        message: expect.stringMatching(/Invalid params: .*\/p2p\/<peer id>/),
      });
    }
    expect((await call(follower, "system_removeReservedPeer", ["0xnot-a-peer"])).error?.code).toBe(-32602);

    expect(await call(follower, "system_removeReservedPeer", [author.network.peerId])).toEqual({
      result: null,
    });
    await until("the peer is gone", () => follower.network.peers().length === 0);
    expect(await call(follower, "system_reservedPeers")).toEqual({ result: [] });
  });

  it("redials a boot node that went away, and follows it again after its restart", async () => {
    const basePath = mkdtempSync(join(tmpdir(), "canary-net-"));
    dirs.push(basePath);
    const first = await start({ basePath, validator: true });
    const port = /\/tcp\/(\d+)\//.exec(address(first))![1];
    const bootnode = address(first);
    authored(first, 2);
    const follower = await start({ bootnodes: [bootnode] });
    await until("the follower has #2", () => follower.chain.best().number === 2);
    await first.stop();
    nodes.splice(nodes.indexOf(first), 1);
    await until("the follower has no peer", () => follower.network.peers().length === 0);

    // Same base path (so the same node key and peer id) and the same port.
    const again = await start({ basePath, validator: true, listenAddrs: [`/ip4/127.0.0.1/tcp/${port}`] });
    expect(address(again)).toBe(bootnode);
    authored(again, 1);
    await until("the follower is back, at #3", () => follower.chain.best().number === 3, 20_000);
    expect(sameBest(again, follower)).toBe(true);
  }, 30_000);

  it("catches up more than one response's worth of blocks (128) by walking up by number", async () => {
    const author = await start({ validator: true });
    authored(author, 300);
    expect(author.chain.best().number).toBe(300);
    const lines: string[] = [];
    const follower = await start({
      bootnodes: [address(author)],
      statusIntervalMs: 50,
      logger: createLogger("info", (l) => lines.push(l)),
    });
    await until("the follower has #300", () => follower.chain.best().number === 300, 60_000);
    expect(sameBest(author, follower)).toBe(true);
    // While behind, the status line says so, with the target; once caught up, idle again.
    expect(lines.join("\n")).toMatch(/⚙️ {2}Syncing [\d.]+ bps, target=#300 \(1 peers\), best: #\d+/);
    await until("idle again", () => /💤 Idle \(1 peers\), best: #300/.test(lines.join("\n")));
  }, 90_000);

  it("carries a transaction sent to a follower to the author, into a block both have", async () => {
    const author = await start({ validator: true });
    const follower = await start({ bootnodes: [address(author)] });
    await until(
      "connected",
      () => follower.network.peers().length === 1 && author.network.peers().length === 1,
    );
    const bob = DEV_ACCOUNTS.Bob;
    const before = freeBalance(author.chain, bob);
    const xt = signedTransfer(author.chain.genesisHash, devKeypair("Alice"), bob, 10n ** 12n, { nonce: 0 });
    const statuses: unknown[] = [];
    follower.pool.watch(blake2_256(xt), (s) => statuses.push(s));
    follower.submit(xt);
    await until("the transfer is in a block on the follower", () => follower.chain.best().number === 1);
    expect(freeBalance(author.chain, bob)).toBe(before + 10n ** 12n);
    expect(freeBalance(follower.chain, bob)).toBe(before + 10n ** 12n);
    await until("the follower's pool is empty", () => follower.pool.size === 0);
    // Its watchers heard it go out to the author, then land in a block.
    expect(statuses).toEqual([
      { type: "ready" },
      { type: "broadcast", peers: [author.network.peerId] },
      expect.objectContaining({ type: "inBlock", index: 1 }),
    ]);
  });

  it("refuses to start on a p2p port in use, and leaves the base path free for the next start", async () => {
    const a = await start();
    const port = /\/tcp\/(\d+)\//.exec(address(a))![1];
    const basePath = mkdtempSync(join(tmpdir(), "canary-net-"));
    dirs.push(basePath);
    const config = { chain: "dev", basePath, rpcPort: 0, prometheusPort: null, logger };
    const error = await CanaryNode.start({ ...config, listenAddrs: [`/ip4/127.0.0.1/tcp/${port}`] }).catch(
      (e) => e,
    );
    expect(error.code).toBe("NETWORK_LISTEN_FAILED");
    expect(error.message).toMatch(
      /^cannot listen on \/ip4\/127\.0\.0\.1\/tcp\/\d+: .*; pick another --port or --listen-addr$/s,
    );
    nodes.push(await CanaryNode.start(config)); // the lock and the database were let go
  });

  it("moves a node on a shorter fork to the longer chain it hears of", async () => {
    // Dev finality would settle each fork 250 ms after its blocks, and a node never leaves its
    // finalized chain: here neither finalizes, as two forks of one key would not under GRANDPA.
    const unfinalized = { validator: true, finalityDelayMs: 600_000 };
    const a = await start(unfinalized);
    const b = await start(unfinalized);
    authored(a, 4);
    authored(b, 2);
    const aChain = [1, 2, 3, 4].map((n) => toHex(a.chain.blocks.hashAt(n)!));
    expect(toHex(b.chain.blocks.hashAt(1)!)).not.toBe(aChain[0]);
    await b.network.connect(address(a));
    // Both forks are Alice's: b reports her equivocation and, sealing instantly, may author the
    // report on top of a's chain, so b's best can pass #4; a's blocks must be b's chain below it.
    const onAChain = (node: CanaryNode) =>
      aChain.every((h, i) => toHex(node.chain.blocks.hashAt(i + 1) ?? new Uint8Array()) === h);
    await until("b reorganised onto a's chain", () => onAChain(b));
    expect(b.chain.best().number).toBeGreaterThanOrEqual(4);
    expect(b.chain.finalized().number).toBe(0);
    expect(onAChain(a)).toBe(true); // a never takes b's shorter fork
  });

  it("keeps its finalized chain when it meets a longer one that left it, and does not drop that peer", async () => {
    const lines: string[] = [];
    const a = await start({ validator: true });
    const b = await start({ validator: true, logger: createLogger("info", (l) => lines.push(l)) });
    authored(a, 4);
    authored(b, 2);
    await until(
      "each finalized its own fork",
      () => a.chain.finalized().number === 4 && b.chain.finalized().number === 2,
    );
    const ours = [1, 2].map((n) => toHex(b.chain.blocks.hashAt(n)!));
    await b.network.connect(address(a));
    await until("b gave up on a's chain", () =>
      lines.some((l) => l.includes(`sync: not following ${a.network.peerId}`)),
    );
    expect(toHex(b.chain.finalized().hash)).toBe(ours[1]);
    expect([1, 2].map((n) => toHex(b.chain.blocks.hashAt(n)!))).toEqual(ours);
    // a's chain may be valid: a node on another fork is not banned as a liar would be.
    expect(lines.filter((l) => l.includes("Disconnecting"))).toEqual([]);
    expect(b.network.peers().map((p) => p.peerId)).toEqual([a.network.peerId]);
    expect(a.chain.best().number).toBe(4);
  });

  it("lets two validators that authored apart (a partition) agree on one chain once they meet", async () => {
    // The local chain: Alice and Bob take 300 ms slots in turn, each on its own fork while apart.
    const slots = { chain: "local", blockTimeMs: 300, instantSeal: false };
    const alice = await start({ ...slots, devKey: "Alice" });
    const bob = await start({ ...slots, devKey: "Bob" });
    // Each holds about a quarter of the slots (a secondary author for every slot), so
    // three blocks can take a while on a slow machine: more than until's default 10 s.
    await until(
      "both forks are 3 blocks long",
      () => Math.min(alice.chain.best().number, bob.chain.best().number) >= 3,
      20_000,
    );
    expect(toHex(alice.chain.blocks.hashAt(1)!)).not.toBe(toHex(bob.chain.blocks.hashAt(1)!));

    await bob.network.connect(address(alice));
    // Agreed: the same block one below the lower tip (the tips themselves may be in flight).
    const agreed = () => {
      const n = Math.min(alice.chain.best().number, bob.chain.best().number) - 1;
      const [x, y] = [alice.chain.blocks.hashAt(n), bob.chain.blocks.hashAt(n)];
      return n > 0 && x !== undefined && y !== undefined && toHex(x) === toHex(y);
    };
    await until("they agree on one chain", agreed, 20_000);
    const from = Math.min(alice.chain.best().number, bob.chain.best().number);
    // And go on together on the common chain, each in the slots BABE gives it.
    await until(
      "both are 4 blocks further",
      () => Math.min(alice.chain.best().number, bob.chain.best().number) >= from + 4,
      20_000,
    );
    await until("they agree again", agreed, 20_000);
    const authors = new Set<number>();
    for (let n = from + 1; n <= from + 3; n++) {
      authors.add(
        findBabePreDigest(alice.chain.blocks.header(alice.chain.blocks.hashAt(n)!)!).value.authorityIndex,
      );
    }
    // Only Alice (0) and Bob (1) run: Charlie's and Dave's slots stay empty.
    expect([...authors].every((i) => i === 0 || i === 1)).toBe(true);
  }, 90_000);
});
