/**
 * Finding and keeping peers over real TCP: Kademlia on `/<genesis>/kad` makes peers of peers
 * known (two nodes that only know a boot node find each other), inbound and outbound limits
 * apply each on its own, and `--reserved-only` keeps everyone but the reserved peers out.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CanaryNode, type NodeConfig } from "../../packages/node/src/service/canaryNode.ts";
import { createLogger } from "../../packages/node/src/service/logger.ts";
import { until } from "../support/until.ts";

const dirs: string[] = [];
const nodes: CanaryNode[] = [];
afterEach(async () => {
  for (const n of nodes.splice(0)) await n.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(extra: Partial<NodeConfig> = {}): Promise<CanaryNode> {
  const basePath = mkdtempSync(join(tmpdir(), "canary-disc-"));
  dirs.push(basePath);
  const node = await CanaryNode.start({
    chain: "dev",
    basePath,
    rpcPort: 0,
    prometheusPort: null,
    statusIntervalMs: 60_000,
    instantSeal: true,
    logger: createLogger("error", () => {}),
    ...extra,
  });
  nodes.push(node);
  return node;
}

const address = (node: CanaryNode) => node.network.listenAddresses()[0]!;
const peerIds = (node: CanaryNode) => node.network.peers().map((p) => p.peerId);

describe("peer discovery and limits", () => {
  it("two nodes that know only a boot node find each other through Kademlia", async () => {
    const boot = await start();
    const a = await start({ bootnodes: [address(boot)] });
    const b = await start({ bootnodes: [address(boot)] });
    await until("a and b are peers", () => peerIds(a).includes(b.network.peerId), 30_000);
    expect(peerIds(b)).toContain(a.network.peerId);
  }, 60_000);

  it("six nodes, of which only one knows the others, all find each other within a minute", async () => {
    const others = [];
    for (let i = 0; i < 5; i++) others.push(await start());
    const hub = await start({ bootnodes: others.map(address) });
    const all = [hub, ...others];
    const everyone = (n: CanaryNode) =>
      all.filter((m) => m !== n).every((m) => peerIds(n).includes(m.network.peerId));
    await until("every node is a peer of every other", () => all.every(everyone), 60_000);
  }, 90_000);

  it("without discovery they do not", async () => {
    const boot = await start({ discovery: false });
    const a = await start({ bootnodes: [address(boot)], discovery: false });
    const b = await start({ bootnodes: [address(boot)], discovery: false });
    await until("both reached the boot node", () => peerIds(boot).length === 2);
    await new Promise((r) => setTimeout(r, 2_000)); // Kademlia's first self-query would run in 1 s
    expect(peerIds(a)).not.toContain(b.network.peerId);
  }, 60_000);

  it("accepts at most --in-peers inbound peers, and reserved peers beyond them", async () => {
    const hub = await start({ inPeers: 1, discovery: false });
    const first = await start({ bootnodes: [address(hub)], discovery: false });
    await until("the first peer is in", () => peerIds(hub).length === 1);
    const second = await start({ bootnodes: [address(hub)], discovery: false });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(peerIds(hub)).toEqual([first.network.peerId]);
    expect(peerIds(second)).toEqual([]);
    // A reserved peer is kept outside the limit.
    hub.network.addReservedPeer(address(second));
    await until("the reserved peer is in", () => peerIds(hub).includes(second.network.peerId));
    expect(peerIds(hub)).toHaveLength(2);
  }, 60_000);

  it("with --reserved-only connects to reserved nodes only and refuses others", async () => {
    const friend = await start({ discovery: false });
    const stranger = await start({ discovery: false });
    const closed = await start({
      reservedOnly: true,
      reservedNodes: [address(friend)],
      bootnodes: [address(stranger)],
    });
    await until("the reserved node is connected", () => peerIds(closed).includes(friend.network.peerId));
    await stranger.network.connect(address(closed)).catch(() => {});
    await new Promise((r) => setTimeout(r, 1_500));
    expect(peerIds(closed)).toEqual([friend.network.peerId]);
    expect(peerIds(stranger)).toEqual([]);
  }, 60_000);
});
