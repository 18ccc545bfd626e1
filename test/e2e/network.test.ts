/**
 * A local network of two `canary` processes, set up as a user would: a chain spec from
 * `build-spec`, an authoring node, and a second node that finds it through `--bootnodes`, syncs
 * its chain and follows it.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../scripts/bundleRuntime.ts";
import { type SpawnedNode, spawnNode } from "../support/spawnNode.ts";
import { until } from "../support/until.ts";

const dir = mkdtempSync(join(tmpdir(), "canary-e2e-net-"));
const nodes: SpawnedNode[] = [];
afterAll(async () => {
  for (const n of nodes) await n.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function rpc<T = unknown>(node: SpawnedNode, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${node.port}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return ((await res.json()) as { result: T }).result;
}

const best = async (node: SpawnedNode) =>
  Number((await rpc<{ number: string }>(node, "chain_getHeader")).number);

describe("a local network of canary processes", () => {
  it("starts from build-spec's chain spec; the second node syncs and follows the first", async () => {
    const spec = execFileSync(
      process.execPath,
      [join(REPO_ROOT, "packages/node/src/cli/canary.ts"), "build-spec", "--chain", "local", "--raw"],
      { encoding: "utf8" },
    );
    const specFile = join(dir, "local.json");
    writeFileSync(specFile, spec);
    const common = ["--chain", specFile, "--rpc-port", "0", "--no-prometheus"];

    const author = await spawnNode([
      ...common,
      "--base-path",
      join(dir, "a"),
      "--validator",
      "--block-time",
      "500",
    ]);
    nodes.push(author);
    const listening = /👂 Listening for peers on (\S+)/.exec(author.output.join(""))?.[1];
    expect(listening).toMatch(/^\/ip4\/127\.0\.0\.1\/tcp\/\d+\/p2p\/12D3KooW\w+$/);
    await until("the author is at #3", async () => (await best(author)) >= 3, 30_000);

    const follower = await spawnNode([...common, "--base-path", join(dir, "b"), "--bootnodes", listening!]);
    nodes.push(follower);
    await until("the follower is at #5", async () => (await best(follower)) >= 5, 30_000);
    for (const n of [1, 3, 5]) {
      expect(await rpc(follower, "chain_getBlockHash", [n])).toBe(
        await rpc(author, "chain_getBlockHash", [n]),
      );
    }
    expect(await rpc(follower, "system_health")).toEqual({
      peers: 1,
      isSyncing: false,
      shouldHavePeers: true,
    });
    expect(await rpc(author, "system_peers")).toEqual([
      expect.objectContaining({ peerId: await rpc(follower, "system_localPeerId"), roles: "FULL" }),
    ]);
    await until(
      "the follower logs its peer",
      () => /💤 Idle \(1 peers\), best: #\d+/.test(follower.output.join("")),
      30_000,
    );
  }, 90_000);
});
