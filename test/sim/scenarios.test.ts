/**
 * The simulator's fixed scenarios: a run replays exactly from its seed; four honest validators
 * author a block in nearly every slot and finalize within 3 of best; a 2/2 partition finalizes
 * nothing on either side and finality resumes once it heals; a validator that authors two blocks
 * in its slots and one that prevotes twice in each round break no one's safety, and both are
 * reported on chain and recorded by Offences.
 */
import type { Executor, Genesis } from "@canary/node";
import { toHex } from "@canary/primitives";
import { beforeAll, describe, expect, it } from "vitest";
import { runScenario } from "../../packages/node/src/simulator/index.ts";
import { DEV_ACCOUNTS } from "../../runtimes/relay/src/index.ts";
import { recordedOffenders, SLOT_MS, simSetup, VALIDATORS } from "./support.ts";

let genesis: Genesis;
let executor: Executor;
beforeAll(async () => {
  ({ genesis, executor } = await simSetup());
}, 60_000);

const base = () => ({ genesis, executor, validators: [...VALIDATORS], slotMs: SLOT_MS });

describe("the simulator", () => {
  it("replays a run exactly from its seed, and another seed gives another run", () => {
    const options = { ...base(), durationMs: 30_000, link: { loss: 0.05, duplicate: 0.05 }, maxSkewMs: 300 };
    const a = runScenario({ ...options, seed: 7 });
    const b = runScenario({ ...options, seed: 7 });
    const c = runScenario({ ...options, seed: 8 });
    expect(b.traceHash).toBe(a.traceHash);
    expect(b.trace).toEqual(a.trace);
    expect(c.traceHash).not.toBe(a.traceHash);
  });

  it("four honest validators: a block in nearly every slot, finality within 3 of best, one chain", () => {
    const r = runScenario({ ...base(), seed: 1, durationMs: 60_000 });
    for (const name of Object.keys(r.best)) {
      expect(r.best[name]).toBeGreaterThanOrEqual(9); // 10 slots
      expect(r.best[name]! - r.finalized[name]!).toBeLessThanOrEqual(3);
    }
    expect(r.conflicts).toEqual([]);
    expect(r.nodes.map((n) => n.invalidBlocks)).toEqual([0, 0, 0, 0]);
  });

  it("a 2/2 partition finalizes nothing on either side; healed, finality resumes and all converge", () => {
    const groups = [
      ["alice", "bob"],
      ["charlie", "dave"],
    ];
    const r = runScenario({
      ...base(),
      seed: 2,
      durationMs: 120_000,
      partition: { fromMs: 24_000, toMs: 72_000, groups },
    });
    for (const name of Object.keys(r.best)) {
      // Votes already under way when it began may land; after that, nothing more.
      const settled = r.finalizedAt(name, 24_000 + 2 * SLOT_MS);
      expect(r.finalizedAt(name, 72_000)).toBe(settled);
      // Within a few rounds of healing, finality is past everything authored during the split.
      expect(r.finalized[name]).toBeGreaterThan(r.finalizedAt(name, 72_000) + 3);
    }
    expect(r.conflicts).toEqual([]);
    expect(new Set(Object.values(r.finalized)).size).toBeLessThanOrEqual(2);
  });

  it("an equivocating author and a double-voting voter: safety holds, both are reported and recorded", () => {
    const r = runScenario({
      ...base(),
      seed: 3,
      durationMs: 90_000,
      babeEquivocator: "alice",
      doubleVoter: "bob",
    });
    expect(r.conflicts).toEqual([]);
    expect(r.trace.some((l) => l.includes("report pooled"))).toBe(true);
    // Charlie, honest, has both offenders on record (each once per slot or round reported).
    const charlie = r.nodes.find((n) => n.name === "charlie")!;
    charlie.start();
    try {
      expect(recordedOffenders(charlie, "babe:equivocatio")).toContain(toHex(DEV_ACCOUNTS.Alice));
      expect(recordedOffenders(charlie, "grandpa:equivoca")).toContain(toHex(DEV_ACCOUNTS.Bob));
      expect(recordedOffenders(charlie, "babe:equivocatio")).not.toContain(toHex(DEV_ACCOUNTS.Charlie));
    } finally {
      charlie.stop();
    }
  });
});
