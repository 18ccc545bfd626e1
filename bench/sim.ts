// The network simulator's own figures: how fast it runs (virtual seconds per wall second, runs of
// the seeded batch per minute), and what it measures — finality lag over 200 blocks with four
// validators, and the time for a block to reach every one of 4 and of 16 nodes (4 validators and
// 12 full nodes, each with 4 peers) under the default link delays (20–200 ms).
// `node bench/sim.ts`
import { initCrypto } from "@canary/crypto";
import { buildGenesisInMemory, Executor } from "@canary/node";
import { runScenario } from "../packages/node/src/simulator/index.ts";
import { relayBundle } from "../test/relay/harness.ts";
import { checkRun } from "../test/sim/seededRun.ts";
import { type BenchRow, report } from "./report.ts";

await initCrypto();
const executor = new Executor();
const genesis = buildGenesisInMemory(executor, (await relayBundle()).code, { preset: "local_testnet" });
const validators = ["Alice", "Bob", "Charlie", "Dave"] as const;
const SLOT = 6_000;
const rows: BenchRow[] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Per block (height and slot): when each node imported it, from the trace. */
function arrivals(trace: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const line of trace) {
    const m = /^(\d+) (\S+) import #(\d+) slot (\d+)$/.exec(line);
    if (!m) continue;
    const key = `${m[3]}/${m[4]}`;
    out.set(key, [...(out.get(key) ?? []), Number(m[1])]);
  }
  return out;
}

// Speed: the seeded batch's runs (60 virtual seconds, faults drawn from the seed).
{
  const runs = 20;
  const started = performance.now();
  let problems = 0;
  for (let seed = 0; seed < runs; seed++) problems += checkRun(9_000_000 + seed, genesis, executor).length;
  if (problems > 0) console.error(`${problems} problems in the seeded runs: run the sim tests`);
  const ms = performance.now() - started;
  rows.push({
    name: "seeded runs per minute",
    value: (runs * 60_000) / ms,
    unit: "runs/min",
    note: "4 validators, 60 s virtual each, one core",
  });
  rows.push({ name: "virtual seconds per wall second", value: (runs * 60) / (ms / 1000), unit: "x" });
}

// Finality lag over 200 blocks, four honest validators.
{
  const r = runScenario({
    seed: 1,
    genesis,
    executor,
    validators: [...validators],
    slotMs: SLOT,
    durationMs: 201 * SLOT,
  });
  let finalized = 0;
  const lags: number[] = [];
  for (const line of r.trace) {
    const m = /^\d+ alice (import|final) #(\d+)/.exec(line);
    if (!m) continue;
    const n = Number(m[2]);
    if (m[1] === "final") finalized = Math.max(finalized, n);
    else if (n > 5) lags.push(n - finalized);
  }
  rows.push({
    name: "sim: blocks",
    value: r.best.alice!,
    unit: "blocks",
    note: "200 slots of 6 s, 4 validators",
  });
  rows.push({ name: "sim: finality lag, median", value: median(lags), unit: "blocks" });
  rows.push({ name: "sim: finality lag, maximum", value: Math.max(...lags), unit: "blocks" });
}

// Propagation to all of 4 and of 16 nodes.
for (const [fullNodes, degree] of [
  [0, undefined],
  [12, 4],
] as const) {
  const r = runScenario({
    seed: 2,
    genesis,
    executor,
    validators: [...validators],
    fullNodes,
    ...(degree ? { degree } : {}),
    slotMs: SLOT,
    durationMs: 60 * SLOT,
  });
  const total = validators.length + fullNodes;
  const spreads = [...arrivals(r.trace).values()]
    .filter((t) => t.length === total)
    .map((t) => Math.max(...t) - Math.min(...t));
  rows.push({
    name: `sim: block to all ${total} nodes, median`,
    value: median(spreads),
    unit: "ms",
    note: degree ? `${degree} peers each` : "all peered",
  });
  rows.push({ name: `sim: block to all ${total} nodes, maximum`, value: Math.max(...spreads), unit: "ms" });
}

report("sim", rows);
