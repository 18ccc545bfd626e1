/**
 * A local network of `canary` processes, set up as a user would: a chain spec from `build-spec`
 * (four BABE validators), Alice authoring in the slots BABE gives her, and Bob, who finds her
 * through `--bootnodes`, syncs her chain and then authors in his.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@canary/bundler";
import { BabePreDigest, DigestItem, fromHex, toHex } from "@canary/primitives";
import { afterAll, describe, expect, it } from "vitest";
import { SPEC_BUFFER, type SpawnedNode, spawnNode } from "../support/spawnNode.ts";
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

interface Header {
  number: string;
  digest: { logs: string[] };
}

/** The authority index in a header's BABE pre-runtime digest. */
function authorityIndex(header: Header): number {
  for (const log of header.digest.logs) {
    const item = DigestItem.dec(fromHex(log));
    if (item.tag === "PreRuntime" && toHex(item.value.engine) === "0x42414245")
      return BabePreDigest.dec(item.value.data).value.authorityIndex;
  }
  throw new Error("no BABE pre-runtime digest");
}

const best = async (node: SpawnedNode) =>
  Number((await rpc<{ number: string }>(node, "chain_getHeader")).number);

describe("a local network of canary processes", () => {
  it("runs Alice and Bob from build-spec's chain spec: Bob syncs, then both author by BABE", async () => {
    const spec = execFileSync(
      process.execPath,
      [
        join(REPO_ROOT, "packages/node/src/cli/canary.ts"),
        "build-spec",
        "--chain",
        "local",
        "--block-time",
        "500",
        "--raw",
      ],
      { encoding: "utf8", maxBuffer: SPEC_BUFFER },
    );
    const specFile = join(dir, "local.json");
    writeFileSync(specFile, spec);
    // Slots of 500 ms, the chain's (in its genesis): every node reads them from the runtime.
    const common = ["--chain", specFile, "--rpc-port", "0", "--no-prometheus"];

    const alice = await spawnNode([...common, "--base-path", join(dir, "a"), "--alice"]);
    nodes.push(alice);
    const listening = /👂 Listening for peers on (\S+)/.exec(alice.output.join(""))?.[1];
    expect(listening).toMatch(/^\/ip4\/127\.0\.0\.1\/tcp\/\d+\/p2p\/12D3KooW\w+$/);
    // Alone, Alice authors in the slots BABE gives her (about a third of them among four validators).
    await until("Alice is at #3", async () => (await best(alice)) >= 3, 30_000);

    const bob = await spawnNode([
      ...common,
      "--base-path",
      join(dir, "b"),
      "--bob",
      "--bootnodes",
      listening!,
    ]);
    nodes.push(bob);
    await until("Bob has Alice's first blocks", async () => (await best(bob)) >= 3, 30_000);
    for (const n of [1, 2, 3]) {
      expect(await rpc(bob, "chain_getBlockHash", [n])).toBe(await rpc(alice, "chain_getBlockHash", [n]));
    }
    // Now both author: the chain both hold has blocks by authority #0 and by #1 (Charlie's and
    // Dave's slots stay empty).
    const start = await best(alice);
    await until(
      "both are 14 blocks further",
      async () => Math.min(await best(alice), await best(bob)) >= start + 14,
      60_000,
    );
    const authors = new Set<number>();
    for (let n = start + 1; n <= start + 12; n++) {
      const hash = await rpc<string>(alice, "chain_getBlockHash", [n]);
      expect(await rpc(bob, "chain_getBlockHash", [n])).toBe(hash);
      authors.add(authorityIndex(await rpc<Header>(alice, "chain_getHeader", [hash])));
    }
    expect([...authors].sort()).toEqual([0, 1]);

    expect(await rpc(bob, "system_health")).toEqual({ peers: 1, isSyncing: false, shouldHavePeers: true });
    expect(await rpc(alice, "system_peers")).toEqual([
      expect.objectContaining({ peerId: await rpc(bob, "system_localPeerId"), roles: "AUTHORITY" }),
    ]);
    await until(
      "Bob logs his peer",
      () => /💤 Idle \(1 peers\), best: #\d+/.test(bob.output.join("")),
      30_000,
    );
  }, 150_000);
});
