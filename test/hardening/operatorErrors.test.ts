/**
 * Issue 15 (6): what an operator gets wrong ends the `canary` command with one line naming the
 * cause and the fix, exit code 1, and nothing left behind (no `--tmp` directory, no base path it
 * made); a chain spec whose `:code` is not a runtime is refused at start.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@canary/bundler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSpec } from "../../packages/node/src/cli/subcommands.ts";

const root = mkdtempSync(join(tmpdir(), "canary-operator-"));
const servers: Server[] = [];
afterAll(() => {
  for (const s of servers) s.close();
  rmSync(root, { recursive: true, force: true });
});

const ALICE_BABE_FILE = "62616265d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";

/** Runs `canary` with its temporary directory in `tmp`; its exit code and what it printed. */
function canary(
  args: string[],
  tmp: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawn(
    process.execPath,
    [join(REPO_ROOT, "packages/node/src/cli/canary.ts"), ...args, "--listen-addr", "/ip4/127.0.0.1/tcp/0"],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TMPDIR: tmp } },
  );
  let stdout = "";
  let stderr = "";
  proc.stdout.on("data", (c: Buffer) => (stdout += c));
  proc.stderr.on("data", (c: Buffer) => (stderr += c));
  const timer = setTimeout(() => proc.kill("SIGKILL"), 30_000);
  return new Promise((resolve) =>
    proc.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

async function takenPort(): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as { port: number }).port;
}

function dir(name: string): string {
  const d = join(root, name);
  mkdirSync(d, { recursive: true });
  return d;
}

/** Exit code 1 and, besides the log's dated lines, one line on stderr that matches `message`. */
function expectOneLine(run: { code: number | null; stderr: string }, message: RegExp): void {
  const lines = run.stderr
    .trim()
    .split("\n")
    .filter((l) => !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /.test(l));
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^Error: /);
  expect(lines[0]).toMatch(message);
  expect(run.code).toBe(1);
}

let junkCodeSpec: string;
beforeAll(async () => {
  const lines: string[] = [];
  await buildSpec(["--chain", "dev", "--raw"], (l) => lines.push(l));
  const spec = JSON.parse(lines.join("\n"));
  spec.genesis.raw.top["0x3a636f6465"] = "0x0061736d01000000deadbeef"; // :code, not a runtime
  junkCodeSpec = join(root, "junk-code.json");
  writeFileSync(junkCodeSpec, JSON.stringify(spec));
});

describe("operator errors", () => {
  it("a JSON-RPC port in use: one line naming --rpc-port, and the --tmp directory is gone", async () => {
    const tmp = dir("rpc-port");
    const port = await takenPort();
    const run = await canary(["--dev", "--rpc-port", String(port), "--no-prometheus"], tmp);
    expectOneLine(run, new RegExp(`JSON-RPC port 127\\.0\\.0\\.1:${port} is in use.*--rpc-port`));
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("a Prometheus port in use: one line naming --prometheus-port, nothing left behind", async () => {
    const tmp = dir("prom-port");
    const port = await takenPort();
    const run = await canary(["--dev", "--rpc-port", "0", "--prometheus-port", String(port)], tmp);
    expectOneLine(run, /Prometheus port .* is in use.*--prometheus-port <port> or --no-prometheus/);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("a base path under a file, or in a place that cannot be written", async () => {
    const tmp = dir("base-file");
    writeFileSync(join(tmp, "a-file"), "");
    const base = join(tmp, "a-file", "base");
    const run = await canary(["--dev", "--base-path", base, "--rpc-port", "0", "--no-prometheus"], tmp);
    expectOneLine(run, /cannot write the base path .*not a directory.*Choose a --base-path/);
    expect(readdirSync(tmp)).toEqual(["a-file"]);
    const readOnly = await canary(
      ["--dev", "--base-path", "/sys/canary-base", "--rpc-port", "0", "--no-prometheus"],
      tmp,
    );
    expectOneLine(readOnly, /cannot write the base path \/sys\/canary-base .*Choose a --base-path/);
  });

  it("a key file that is a directory: one line naming it, and the base path is left as it was", async () => {
    const base = dir("key-dir");
    const keyDir = join(base, "chains", "canary_dev", "keystore", ALICE_BABE_FILE);
    mkdirSync(join(keyDir, "inside"), { recursive: true });
    const run = await canary(["--alice", "--base-path", base, "--rpc-port", "0", "--no-prometheus"], base);
    expectOneLine(run, new RegExp(`cannot use .*${ALICE_BABE_FILE}: it is a directory where a file belongs`));
    expect(readdirSync(join(base, "chains", "canary_dev")).sort()).toEqual(["keystore"]);
  });

  it("a chain spec whose :code is not a runtime is refused at start, writing nothing", async () => {
    const base = join(dir("junk-code"), "base");
    const run = await canary(
      ["--chain", junkCodeSpec, "--base-path", base, "--rpc-port", "0", "--no-prometheus"],
      root,
    );
    expectOneLine(run, /genesis has a :code that is not a runtime/);
    expect(existsSync(base)).toBe(false);
  });
});
