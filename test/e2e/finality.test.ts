/**
 * Four validators as separate `canary` processes on 127.0.0.1 (`--chain local`): BABE fills
 * nearly every slot, GRANDPA finalizes within a few blocks of the best, all agree on the finalized
 * chain, and a fifth node that is no validator syncs from genesis and follows. With one validator
 * killed, blocks and finality go on; with two, finality stops while blocks go on; one restarted,
 * finality resumes.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@canary/bundler";
import { afterAll, describe, expect, it } from "vitest";
import { SPEC_BUFFER, type SpawnedNode, spawnNode } from "../support/spawnNode.ts";
import { until } from "../support/until.ts";

const dir = mkdtempSync(join(tmpdir(), "canary-e2e-fin-"));
const running = new Set<SpawnedNode>();
afterAll(async () => {
  for (const n of running) await n.stop();
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

const number = async (node: SpawnedNode, hash?: string) =>
  Number((await rpc<{ number: string }>(node, "chain_getHeader", hash ? [hash] : [])).number);
const best = (node: SpawnedNode) => number(node);
const finalized = async (node: SpawnedNode) =>
  number(node, await rpc<string>(node, "chain_getFinalizedHead"));

const SLOT_MS = 1_000;

describe("four validators and a follower, as processes", () => {
  it("author in nearly every slot, finalize close behind the best, and survive one or two losses", async () => {
    const spec = execFileSync(
      process.execPath,
      [
        join(REPO_ROOT, "packages/node/src/cli/canary.ts"),
        "build-spec",
        "--chain",
        "local",
        "--block-time",
        String(SLOT_MS),
        "--raw",
      ],
      { encoding: "utf8", maxBuffer: SPEC_BUFFER },
    );
    const specFile = join(dir, "local.json");
    writeFileSync(specFile, spec);
    const common = ["--chain", specFile, "--rpc-port", "0", "--no-prometheus"];
    const start = async (name: string, extra: string[]) => {
      const node = await spawnNode([...common, "--base-path", join(dir, name), ...extra]);
      running.add(node);
      return node;
    };
    const alice = await start("alice", ["--alice"]);
    const boot = /👂 Listening for peers on (\S+)/.exec(alice.output.join(""))![1]!;
    const validators = [alice];
    for (const name of ["bob", "charlie", "dave"])
      validators.push(await start(name, [`--${name}`, "--bootnodes", boot]));

    // A block in nearly every slot: secondary claims fill the slots without a primary one.
    await until("the chain is at #12", async () => (await best(alice)) >= 12, 60_000);
    const from = await best(alice);
    const t0 = Date.now();
    await until("12 more blocks", async () => (await best(alice)) >= from + 12, 60_000);
    const slots = Math.round((Date.now() - t0) / SLOT_MS);
    expect(12 / slots).toBeGreaterThan(0.6);

    // Finality follows within 3 blocks of the best (GRANDPA never votes on the last 2), the same everywhere.
    await until(
      "finality within 3 of the best",
      async () => (await best(alice)) - (await finalized(alice)) <= 3,
      30_000,
    );
    const f = await finalized(alice);
    const hashAt = (node: SpawnedNode, n: number) => rpc<string>(node, "chain_getBlockHash", [n]);
    for (const v of validators) {
      await until("each has the finalized block", async () => (await finalized(v)) >= f, 30_000);
      expect(await hashAt(v, f)).toBe(await hashAt(alice, f));
    }

    // A fifth node, no validator, syncs from genesis and follows finality.
    const follower = await start("eve", ["--bootnodes", boot]);
    await until("the follower finalizes with them", async () => (await finalized(follower)) >= f, 60_000);
    expect(await hashAt(follower, f)).toBe(await hashAt(alice, f));

    // One of four down: blocks and finality go on.
    const dave = validators.pop()!;
    await dave.stop();
    running.delete(dave);
    const f1 = await finalized(alice);
    await until("finality goes on with three", async () => (await finalized(alice)) >= f1 + 3, 60_000);

    // Two down: finality stops, blocks go on.
    const charlie = validators.pop()!;
    await charlie.stop();
    running.delete(charlie);
    const stalledAt = await finalized(alice);
    const b0 = await best(alice);
    await until("blocks go on with two", async () => (await best(alice)) >= b0 + 4, 60_000);
    expect(await finalized(alice)).toBeLessThanOrEqual(stalledAt + 2); // rounds already under way may end

    // Charlie back: three of four again, finality resumes.
    const back = await start("charlie", ["--charlie", "--bootnodes", boot]);
    const stalled = await finalized(alice);
    // It catches up to the others' round (a catch-up request to a peer voting rounds ahead) and votes again.
    await until("finality resumes", async () => (await finalized(alice)) >= stalled + 3, 90_000);
    expect(await finalized(back)).toBeGreaterThan(stalled);
  }, 420_000);
});
