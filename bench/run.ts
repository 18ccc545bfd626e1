// Runs every benchmark in bench/ one after another (each in its own process, so one suite's
// memory and JIT state do not colour the next), then lists the JSON files written.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const only = process.argv.slice(2);
const suites = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith(".ts") && !["run.ts", "report.ts"].includes(f))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

let failed = 0;
for (const file of suites) {
  const result = spawnSync(process.execPath, [join(import.meta.dirname, file)], { stdio: "inherit" });
  if (result.status !== 0) {
    failed++;
    console.error(`benchmark ${file} failed with status ${result.status}`);
  }
}
console.log(
  `\n${suites.length - failed} of ${suites.length} benchmark suites ran; results in bench/results/*.json`,
);
process.exit(failed === 0 ? 0 : 1);
