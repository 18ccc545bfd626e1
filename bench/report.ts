// Shared by every benchmark: time an operation, print a table, write JSON to bench/results/.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

/** Runs `op` (which performs `perCall` operations) repeatedly for at least `minMs`; returns ops/s. */
export function opsPerSecond(op: () => void, perCall = 1, minMs = 1000): number {
  for (let i = 0; i < 3; i++) op(); // warm up the JIT
  const start = performance.now();
  let calls = 0;
  while (performance.now() - start < minMs) {
    op();
    calls++;
  }
  return (calls * perCall * 1000) / (performance.now() - start);
}

let gc: (() => void) | undefined;

/**
 * A full garbage collection, for before a timed step: a block's import leaves hundreds of MiB of
 * garbage, whose collection otherwise lands on the next step's clock.
 */
export function collectGarbage(): void {
  if (gc === undefined) {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  }
  gc();
}

/** Times one run of `op` in milliseconds. */
export async function timeMs(op: () => unknown): Promise<number> {
  const start = performance.now();
  await op();
  return performance.now() - start;
}

export function report(suite: string, rows: BenchRow[]): void {
  const width = Math.max(...rows.map((r) => r.name.length), 10);
  console.log(`\n${suite}`);
  console.log(`${"measure".padEnd(width)}  ${"value".padStart(14)}  unit`);
  for (const r of rows) {
    const value = r.value >= 100 ? Math.round(r.value).toLocaleString("en-US") : r.value.toFixed(2);
    console.log(`${r.name.padEnd(width)}  ${value.padStart(14)}  ${r.unit}${r.note ? `  (${r.note})` : ""}`);
  }
  const dir = join(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  const machine = { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, node: process.version };
  writeFileSync(
    join(dir, `${suite}.json`),
    `${JSON.stringify({ suite, date: new Date().toISOString(), machine, rows }, null, 2)}\n`,
  );
}
