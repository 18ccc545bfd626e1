/** A restart takes the genesis header remembered beside the database instead of building genesis again. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CanaryNode } from "../../packages/node/src/service/canaryNode.ts";
import { GENESIS_HEADER_FILE } from "../../packages/node/src/service/genesisCache.ts";
import { createLogger } from "../../packages/node/src/service/logger.ts";

const dirs: string[] = [];
const nodes: CanaryNode[] = [];
afterEach(async () => {
  for (const n of nodes.splice(0)) await n.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(basePath: string): Promise<CanaryNode> {
  const node = await CanaryNode.start({
    chain: "dev",
    basePath,
    validator: true,
    instantSeal: true,
    rpcPort: 0,
    prometheusPort: 0,
    logger: createLogger("error", () => {}),
  });
  nodes.push(node);
  return node;
}

async function stop(node: CanaryNode): Promise<void> {
  await node.stop();
  nodes.splice(nodes.indexOf(node), 1);
}

describe("genesis on restart", () => {
  it("is remembered at the first start and reused, or rebuilt when the file does not fit", async () => {
    const base = mkdtempSync(join(tmpdir(), "canary-genesis-"));
    dirs.push(base);
    const file = join(base, "chains", "canary_dev", GENESIS_HEADER_FILE);
    const first = await start(base);
    const genesisHash = first.chain.genesisHash;
    await stop(first);
    expect(existsSync(file)).toBe(true);
    const remembered = readFileSync(file, "utf8");

    const again = await start(base);
    expect(again.chain.genesisHash).toEqual(genesisHash);
    expect(again.chain.best().number).toBe(0);
    const metrics = await (await fetch(`http://127.0.0.1:${again.prometheusPort}/metrics`)).text();
    expect(Number(/^process_resident_memory_bytes (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0);
    await stop(again);

    // A header the database does not hold is ignored: genesis is built and the node starts.
    const wrong = JSON.parse(remembered) as { fingerprint: string; header: string };
    const flipped = wrong.header[70] === "0" ? "1" : "0"; // a hex digit of the state root
    const header = `${wrong.header.slice(0, 70)}${flipped}${wrong.header.slice(71)}`;
    writeFileSync(file, JSON.stringify({ ...wrong, header }));
    const rebuilt = await start(base);
    expect(rebuilt.chain.genesisHash).toEqual(genesisHash);
    await stop(rebuilt);
    expect(readFileSync(file, "utf8")).toBe(remembered);
  });
});
