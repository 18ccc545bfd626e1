/**
 * One seeded run of the safety and liveness scenarios: the seed draws its faults — link delay,
 * loss, duplication and reordering, clock skew, a crash and restart, a partition, an equivocating
 * author or a double voter — for the first 30 s of a 60 s run; then links are clean. No two nodes
 * may finalize conflicting blocks, and at the end every node has finalized close to the head.
 * A failure names its seed; CANARY_SIM_SEED=<n> replays that run alone.
 */
import type { Executor, Genesis } from "@canary/node";
import { runScenario, type ScenarioOptions, SimRandom } from "../../packages/node/src/simulator/index.ts";
import { replayHint, SLOT_MS, VALIDATORS } from "./support.ts";

/** Runs per batch file: two files, so that the 200 runs use both cores. */
export const RUNS_PER_BATCH = 100;

/** The faults of one seed (drawn from a generator of their own, apart from the run's). */
export function faultsOf(seed: number): Partial<ScenarioOptions> {
  const r = new SimRandom(seed ^ 0x5eed);
  const names = VALIDATORS.map((v) => v.toLowerCase());
  const pick = () => names[r.between(0, names.length - 1)]!;
  const faults: Partial<ScenarioOptions> = {
    link: {
      delayMs: [r.between(5, 50), r.between(100, 500)],
      loss: r.between(0, 5) / 100,
      duplicate: r.between(0, 5) / 100,
    },
    maxSkewMs: r.between(0, 500),
    cleanFromMs: 30_000,
  };
  const kind = r.between(0, 4);
  if (kind === 1) {
    const atMs = r.between(3_000, 18_000);
    faults.crash = { node: pick(), atMs, restartMs: atMs + r.between(3_000, 12_000) };
  } else if (kind === 2) {
    const order = r.shuffle(names);
    const split = r.between(1, 2);
    const fromMs = r.between(3_000, 12_000);
    faults.partition = {
      fromMs,
      toMs: fromMs + r.between(6_000, 18_000),
      groups: [order.slice(0, split), order.slice(split)],
    };
  } else if (kind === 3) {
    faults.babeEquivocator = pick();
  } else if (kind === 4) {
    faults.doubleVoter = pick();
  }
  return faults;
}

/** Runs `seed`; returns what went wrong (empty: safe and live), each naming the seed and its faults. */
export function checkRun(seed: number, g: Genesis, e: Executor): string[] {
  const faults = faultsOf(seed);
  const r = runScenario({
    ...faults,
    seed,
    genesis: g,
    executor: e,
    validators: [...VALIDATORS],
    slotMs: SLOT_MS,
    durationMs: 60_000,
  });
  const hint = replayHint(seed, faults);
  const problems = r.conflicts.map((c) => `safety: conflicting finality ${c}; ${hint}`);
  const head = Math.max(...Object.values(r.best));
  for (const [name, finalized] of Object.entries(r.finalized)) {
    if (finalized === 0 || finalized < head - 6)
      problems.push(`liveness: ${name} finalized #${finalized}, head #${head}; ${hint}`);
  }
  return problems;
}
