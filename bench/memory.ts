// The node's memory (issue 14, deliverable 3), each figure from a `canary` process of its own:
// `canary --dev` over its first minute (the highest resident set at any moment: the kernel's
// VmHWM, and the highest of samples every 100 ms), a chain spec whose genesis funds 100,000
// accounts started on a fresh base path (time to build and store genesis, peak resident set), and
// the same node started again on that database (peak and settled resident set).
// Usage: node bench/memory.ts [devSeconds=60] [accounts=100000]
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BenchRow, report } from "./report.ts";

const devSeconds = Number(process.argv[2] ?? 60);
const accounts = Number(process.argv[3] ?? 100_000);
// What `npm run canary` runs.
const CANARY = join(import.meta.dirname, "../packages/node/src/cli/entry.ts");
const QUIET = [
  "--rpc-port",
  "0",
  "--no-prometheus",
  "--listen-addr",
  "/ip4/127.0.0.1/tcp/0",
  "--no-discovery",
];
const MiB = 1024;
const rows: BenchRow[] = [];
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "canary-memory-"));
  dirs.push(d);
  return d;
};

/** VmRSS and VmHWM (peak) of a process, in MiB; undefined once it has gone. */
function memoryOf(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
    return { rss: kb("VmRSS") / MiB, peak: kb("VmHWM") / MiB };
  } catch {
    return undefined;
  }
}

/** A running `canary`, its log lines timed as they arrive, its memory sampled every 100 ms. */
class Watched {
  readonly child: ChildProcess;
  readonly started = performance.now();
  readonly lines: Array<{ at: number; text: string }> = [];
  maxSampled = 0;
  last = { rss: 0, peak: 0 };
  readonly #timer: NodeJS.Timeout;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, [CANARY, ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let rest = "";
    this.child.stderr!.on("data", (chunk: Buffer) => {
      const parts = (rest + chunk.toString("utf8")).split("\n");
      rest = parts.pop() ?? "";
      for (const text of parts) this.lines.push({ at: performance.now(), text });
    });
    this.#timer = setInterval(() => this.sample(), 100);
  }

  sample(): void {
    const m = this.child.pid === undefined ? undefined : memoryOf(this.child.pid);
    if (!m) return;
    this.last = m;
    this.maxSampled = Math.max(this.maxSampled, m.rss);
  }

  /** When a log line containing `text` arrived (ms since spawn); waits for it up to `timeoutMs`. */
  async lineAt(text: string, timeoutMs = 180_000): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const line = this.lines.find((l) => l.text.includes(text));
      if (line) return line.at - this.started;
      if (this.child.exitCode !== null || performance.now() > deadline)
        throw new Error(`canary never logged "${text}":\n${this.lines.map((l) => l.text).join("\n")}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Runs until `ms` after spawn, samples a last time, then stops it with SIGINT. */
  async stopAt(ms: number): Promise<void> {
    const wait = this.started + ms - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    this.sample();
    clearInterval(this.#timer);
    const exited = new Promise((r) => this.child.once("exit", r));
    this.child.kill("SIGINT");
    await exited;
  }
}

// --- canary --dev, its first minute ---
{
  const dev = new Watched(["--dev", ...QUIET]);
  await dev.lineAt("Imported #1");
  await dev.stopAt(devSeconds * 1000);
  rows.push({
    name: `canary --dev, first ${devSeconds} s: peak resident memory`,
    value: Math.max(dev.last.peak, dev.maxSampled),
    unit: "MiB",
    note: `settled at ${dev.last.rss.toFixed(0)} MiB`,
  });
}

// --- a chain spec that funds `accounts` accounts: first start, then a restart on its database ---
{
  const built = spawnSync(process.execPath, [CANARY, "build-spec", "--chain", "dev"], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (built.status !== 0) throw new Error(`build-spec failed: ${built.stderr}`);
  const spec: unknown = JSON.parse(built.stdout);
  const funded = Array.from({ length: accounts }, (_, i) => {
    const key = Buffer.alloc(32, 0xcc);
    key.writeUInt32BE(i + 1, 0);
    return `["0x${key.toString("hex")}",1000000000000000]`;
  });
  const text = JSON.stringify(spec, null, 1).replace('"balances": [', `"balances": [${funded.join(",")},`);
  const specFile = join(tmp(), "funded.json");
  writeFileSync(specFile, text);
  const basePath = tmp();
  const args = ["--chain", specFile, "--base-path", basePath, ...QUIET];

  const first = new Watched(args);
  const opened = await first.lineAt("💾 Database");
  const ready = await first.lineAt("⏱");
  await first.stopAt(ready);
  rows.push({
    name: `genesis of ${accounts.toLocaleString("en-US")} accounts: build and store`,
    value: (ready - opened) / 1000,
    unit: "s",
    note: `node started in ${(ready / 1000).toFixed(1)} s`,
  });
  rows.push({
    name: `genesis of ${accounts.toLocaleString("en-US")} accounts: peak resident memory`,
    value: Math.max(first.last.peak, first.maxSampled),
    unit: "MiB",
  });

  const again = new Watched(args);
  const up = await again.lineAt("⏱");
  await again.stopAt(up + 10_000);
  rows.push({
    name: "the node reopening that database: peak resident memory",
    value: Math.max(again.last.peak, again.maxSampled),
    unit: "MiB",
    note: `settled at ${again.last.rss.toFixed(0)} MiB 10 s after it started; up in ${(up / 1000).toFixed(1)} s`,
  });
}

for (const d of dirs) rmSync(d, { recursive: true, force: true });
report("memory", rows);
