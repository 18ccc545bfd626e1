// `canary elect` at Kusama size: 12,500 voters × 24 votes, 2,500 candidates, 1,000 winners, by
// sequential Phragmén without and with 10 balancing iterations. Each run in its own child process,
// so its peak memory (max RSS) is its own; the figure is the run's wall time inside that process.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BenchRow, report } from "./report.ts";

const VOTERS = 12_500;
const VOTES = 24;
const CANDIDATES = 2_500;
const WINNERS = 1_000;

if (process.argv[2] === "--child") {
  const { elect } = await import("../packages/node/src/cli/elect.ts");
  const start = performance.now();
  let out = "";
  elect(process.argv.slice(3), (l) => {
    out = l;
  });
  const ms = performance.now() - start;
  const winners = (JSON.parse(out) as { winners: unknown[] }).winners.length;
  process.stdout.write(JSON.stringify({ ms, winners, rssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

// A fixed pseudo-random case (xorshift), stakes of 1..10,000 KSM in planck like Kusama's nominators;
// validators vote for themselves.
let s = 0x9e3779b9;
const next = () => {
  s ^= s << 13;
  s ^= s >>> 17;
  s ^= s << 5;
  return (s >>> 0) / 2 ** 32;
};
const candidates = Array.from({ length: CANDIDATES }, (_, i) => `validator-${i}`);
const voters: Array<[string, string, string[]]> = candidates.map((c) => [
  c,
  `${Math.floor(next() * 10_000) + 1}000000000000`,
  [c],
]);
for (let i = 0; i < VOTERS; i++) {
  const targets = new Set<string>();
  while (targets.size < VOTES) targets.add(candidates[Math.floor(next() * CANDIDATES)]!);
  voters.push([`nominator-${i}`, `${Math.floor(next() * 10_000) + 1}${"0".repeat(12)}`, [...targets]]);
}
const input = join(mkdtempSync(join(tmpdir(), "canary-npos-")), "kusama.json");
writeFileSync(input, JSON.stringify({ toElect: WINNERS, candidates, voters }));

const rows: BenchRow[] = [];
const size = `${VOTERS} voters × ${VOTES}, ${CANDIDATES} candidates, ${WINNERS} winners`;
for (const balancing of [0, 10]) {
  const child = spawnSync(
    process.execPath,
    [import.meta.filename, "--child", "--input", input, "--balancing", String(balancing)],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  if (child.status !== 0) throw new Error(`election child failed with status ${child.status}`);
  const { ms, winners, rssMb } = JSON.parse(child.stdout) as { ms: number; winners: number; rssMb: number };
  if (winners !== WINNERS) throw new Error(`elected ${winners}, expected ${WINNERS}`);
  const label = balancing === 0 ? "seq-phragmen" : `seq-phragmen + ${balancing} balancing`;
  rows.push({ name: `${label}: time`, value: ms, unit: "ms", note: size });
  rows.push({ name: `${label}: peak memory (max RSS)`, value: rssMb, unit: "MB" });
}
report("npos", rows);
