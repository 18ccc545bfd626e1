/** The node service as the `canary` command runs it: start, author, stop, restart, one node per base path. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { devKeypair } from "@canary/crypto";
import { afterEach, describe, expect, it } from "vitest";
import { parseCommandLine } from "../../packages/node/src/cli/canary.ts";
import { CanaryNode, type NodeConfig } from "../../packages/node/src/service/canaryNode.ts";
import { createLogger } from "../../packages/node/src/service/logger.ts";
import { DEV_ACCOUNTS } from "../../runtimes/relay/src/index.ts";
import { signedTransfer } from "../support/transfer.ts";

const dirs: string[] = [];
const nodes: CanaryNode[] = [];
afterEach(async () => {
  for (const n of nodes.splice(0)) await n.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const lines: string[] = [];
const logger = createLogger("info", (l) => lines.push(l));

function baseDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "canary-node-"));
  dirs.push(dir);
  return dir;
}

async function start(basePath: string, extra: Partial<NodeConfig> = {}): Promise<CanaryNode> {
  const node = await CanaryNode.start({
    chain: "dev",
    basePath,
    validator: true,
    instantSeal: true,
    rpcPort: 0,
    prometheusPort: 0,
    logger,
    ...extra,
  });
  nodes.push(node);
  return node;
}

async function stop(node: CanaryNode): Promise<void> {
  await node.stop();
  nodes.splice(nodes.indexOf(node), 1);
}

function transfer(genesisHash: Uint8Array, nonce: number): Uint8Array {
  return signedTransfer(genesisHash, devKeypair("Alice"), DEV_ACCOUNTS.Bob, 10n ** 12n, { nonce });
}

describe("the node service", () => {
  it("seals a block as soon as a transaction arrives, finalizes it, and restarts where it stopped", async () => {
    const base = baseDir();
    const node = await start(base);
    const finalized = new Promise<number>((resolve) => node.chain.onFinalized((b) => resolve(b.number)));
    node.submit(transfer(node.chain.genesisHash, 0));
    expect(await finalized).toBe(1);
    expect(node.pool.size).toBe(0);
    const best = node.chain.best();
    await stop(node);
    const again = await start(base);
    expect(again.chain.best()).toEqual(best);
    expect(again.chain.finalized().number).toBe(1);
    expect(lines.some((l) => l.includes("🏆 Imported #1"))).toBe(true);
    const metrics = await (await fetch(`http://127.0.0.1:${again.prometheusPort}/metrics`)).text();
    expect(metrics).toContain('substrate_block_height{status="best"} 1');
    expect(metrics).toContain('substrate_block_height{status="finalized"} 1');
    expect(metrics).toContain(
      'substrate_build_info{name="canary-node",version="0.1.0",chain="canary_dev"} 1',
    );
    const rss = Number(/^process_resident_memory_bytes (\d+)$/m.exec(metrics)?.[1]);
    expect(rss).toBeGreaterThan(10 * 2 ** 20);
    expect((await fetch(`http://127.0.0.1:${again.prometheusPort}/other`)).status).toBe(404);
  });

  it("refuses a second node on the same base path, naming the process that holds it", async () => {
    const base = baseDir();
    await start(base);
    await expect(start(base)).rejects.toThrow(`another node (pid ${process.pid}) is using this base path`);
  });

  it("refuses an unknown chain with the choices", async () => {
    await expect(
      CanaryNode.start({ chain: "mainnet", tmp: true, rpcPort: 0, prometheusPort: null, logger }),
    ).rejects.toThrow(/unknown chain "mainnet": use dev, local, canary or the path of a chain spec file/);
  });
});

describe("the command line", () => {
  it("takes Substrate's flags: --dev implies a temporary base path and authoring", () => {
    expect(parseCommandLine(["--dev"]).config).toMatchObject({
      chain: "dev",
      tmp: true,
      validator: true,
      devKey: "Alice",
    });
    expect(parseCommandLine(["--chain", "local", "--bob"]).config).toMatchObject({
      validator: true,
      devKey: "Bob",
    });
    expect(parseCommandLine(["--chain", "local"]).config).toMatchObject({
      validator: false,
      devKey: undefined,
    });
    expect(parseCommandLine(["--dev", "--base-path", "/x"]).config).toMatchObject({
      tmp: false,
      basePath: "/x",
    });
    expect(parseCommandLine(["--chain", "local", "--block-time", "2000"]).config).toMatchObject({
      chain: "local",
      blockTimeMs: 2000,
      validator: false,
    });
    // p2p: Substrate's defaults, --port, and --listen-addr (which makes --port moot).
    expect(parseCommandLine([]).config.listenAddrs).toEqual(["/ip4/0.0.0.0/tcp/30333", "/ip6/::/tcp/30333"]);
    expect(parseCommandLine(["--port", "30444"]).config.listenAddrs).toEqual([
      "/ip4/0.0.0.0/tcp/30444",
      "/ip6/::/tcp/30444",
    ]);
    const addr = "/ip4/127.0.0.1/tcp/1234";
    const boot = `/ip4/10.0.0.1/tcp/30333/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp`;
    expect(
      parseCommandLine(["--port", "1", "--listen-addr", addr, "--bootnodes", boot, "--bootnodes", boot])
        .config,
    ).toMatchObject({ listenAddrs: [addr], bootnodes: [boot, boot] });
  });

  it("refuses bad flags with a message that says what is allowed", () => {
    expect(() => parseCommandLine(["--block-time", "fast"])).toThrow(/--block-time must be/);
    expect(() => parseCommandLine(["--log", "loud"])).toThrow(/--log must be/);
    expect(() => parseCommandLine(["--nope"])).toThrow(/Unknown option '--nope'/);
    expect(() => parseCommandLine(["--state-pruning", "0"])).toThrow(/--state-pruning must be/);
    expect(() => parseCommandLine(["--port", "70000"])).toThrow(/--port must be a port number/);
    expect(() => parseCommandLine(["--alice", "--bob"])).toThrow(/pick one dev key, not Alice and Bob/);
    expect(parseCommandLine(["--node-key", "01".repeat(32)]).config.nodeKey).toEqual(
      new Uint8Array(32).fill(1),
    );
    expect(() => parseCommandLine(["--node-key", "xyz"])).toThrow(/a node key is 32 bytes of hex/);
    // Local by default; external on request, where "auto" then means safe methods only.
    expect(parseCommandLine([]).config).toMatchObject({ rpcHost: undefined, prometheusHost: undefined });
    expect(parseCommandLine(["--rpc-external", "--prometheus-external"]).config).toMatchObject({
      rpcHost: "0.0.0.0",
      rpcMethods: "auto",
      prometheusHost: "0.0.0.0",
    });
    expect(parseCommandLine(["--unsafe-rpc-external"]).config).toMatchObject({
      rpcHost: "0.0.0.0",
      rpcMethods: "unsafe",
    });
    expect(() => parseCommandLine(["--bootnodes", "10.0.0.1:30333"])).toThrow(/is not a multiaddr/);
    expect(parseCommandLine(["--state-pruning", "archive"]).config.statePruning).toBe("archive");
    expect(parseCommandLine(["--state-pruning", "1000"]).config.statePruning).toBe(1000);
  });
});
