// The node's memory (issue 14): `canary --dev`'s resident memory over its first minute (sampled
// from /proc every 100 ms), and a genesis funding 100,000 accounts: the time until the node has
// built and stored it, the peak resident memory meanwhile, and the memory of the node reopening it.
// `node bench/memory.ts [seconds] [accounts]` (defaults 60 and 100000).
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@canary/bundler";
import { type BenchRow, report } from "./report.ts";

const SECONDS = Number(process.argv[2] ?? 60);
const ACCOUNTS = Number(process.argv[3] ?? 100_000);
const CLI = join(REPO_ROOT, "packages/node/src/cli/canary.ts");
const dir = mkdtempSync(join(tmpdir(), "canary-bench-mem-"));
const MiB = 2 ** 20;

/** Resident memory of `pid` in bytes (Linux), or 0 once it has exited. */
function rss(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

interface Run {
  peak: number;
  last: number;
  /** Milliseconds from spawn until `until` appeared in the output (or the run ended). */
  readyMs: number;
}

/** Runs the node with `args`, sampling its memory until `until` is printed and `hold` ms have passed. */
function sample(args: string[], until: RegExp, holdMs: number, limitMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let readyMs: number | undefined;
    let peak = 0;
    let last = 0;
    const onData = (d: Buffer) => {
      out += d.toString();
      if (readyMs === undefined && until.test(out)) readyMs = performance.now() - start;
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    const timer = setInterval(() => {
      const now = rss(child.pid!);
      if (now > 0) last = now;
      peak = Math.max(peak, now);
      const elapsed = performance.now() - start;
      if ((readyMs !== undefined && elapsed >= readyMs + holdMs) || elapsed > limitMs) child.kill("SIGINT");
    }, 100);
    child.on("exit", () => {
      clearInterval(timer);
      if (readyMs === undefined) reject(new Error(`node never printed ${until}:\n${out.slice(-2000)}`));
      else resolve({ peak, last, readyMs });
    });
  });
}

const rows: BenchRow[] = [];
try {
  const dev = await sample(
    ["--dev", "--rpc-port", "0", "--no-prometheus", "--port", "0"],
    /Imported #1/,
    SECONDS * 1000,
    SECONDS * 1000 + 60_000,
  );
  rows.push({ name: `canary --dev, peak RSS over ${SECONDS} s`, value: dev.peak / MiB, unit: "MiB" });
  rows.push({ name: "canary --dev, RSS at the end", value: dev.last / MiB, unit: "MiB" });

  // A dev chain spec whose genesis funds ACCOUNTS more accounts (distinct 32-byte ids).
  const spec = JSON.parse(
    execFileSync(process.execPath, [CLI, "build-spec", "--chain", "dev"], {
      encoding: "utf8",
      maxBuffer: 64 * MiB,
    }),
  );
  const balances = spec.genesis.runtimeGenesis.patch.balances.balances as unknown[];
  for (let i = 0; i < ACCOUNTS; i++) {
    const id = (i + 1).toString(16).padStart(64, "0");
    balances.push([`0x${id}`, 1_000_000_000_000]);
  }
  spec.id = "bench_memory";
  const specFile = join(dir, "spec.json");
  writeFileSync(specFile, JSON.stringify(spec));
  const base = join(dir, "node");
  const args = [
    "--chain",
    specFile,
    "--base-path",
    base,
    "--rpc-port",
    "0",
    "--no-prometheus",
    "--port",
    "0",
  ];
  const built = await sample(args, /Initializing Genesis/, 3_000, 600_000);
  rows.push({
    name: `genesis of ${ACCOUNTS.toLocaleString("en-US")} accounts: built and stored`,
    value: built.readyMs,
    unit: "ms",
    note: "from spawn",
  });
  rows.push({ name: "genesis build: peak RSS", value: built.peak / MiB, unit: "MiB" });
  const reopened = await sample(args, /Highest known block/, 5_000, 600_000);
  rows.push({ name: "reopening it: peak RSS", value: reopened.peak / MiB, unit: "MiB" });
  rows.push({ name: "reopening it: RSS after 5 s", value: reopened.last / MiB, unit: "MiB" });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
report("Node memory", rows);
