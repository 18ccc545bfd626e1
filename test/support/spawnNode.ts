/** Starts the `canary` command as its own process and waits until its JSON-RPC server listens. */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "@canary/bundler";

/** Room for a chain spec on a child's stdout: it carries the runtime's code (Node's default is 1 MiB). */
export const SPEC_BUFFER = 64 * 1024 * 1024;

export interface SpawnedNode {
  proc: ChildProcess;
  port: number;
  output: string[];
  /** SIGINT, and the exit. */
  stop(): Promise<void>;
}

/** `root`: the checkout whose `canary` is run (default: this one). */
export function spawnNode(args: string[], timeoutMs = 30_000, root = REPO_ROOT): Promise<SpawnedNode> {
  // Tests listen for peers on 127.0.0.1 only, on a free port, unless they say where.
  const p2p = args.some((a) => a === "--listen-addr") ? [] : ["--listen-addr", "/ip4/127.0.0.1/tcp/0"];
  const proc = spawn(process.execPath, [join(root, "packages/node/src/cli/canary.ts"), ...args, ...p2p], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once("exit", r));
    proc.kill("SIGINT");
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the node did not start:\n${output.join("")}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const m = /Running JSON-RPC server: addr=127\.0\.0\.1:(\d+)/.exec(output.join(""));
      if (m) {
        clearTimeout(timer);
        resolve({ proc, port: Number(m[1]), output, stop });
      }
    };
    proc.stdout?.on("data", onData);
    proc.stderr?.on("data", onData);
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the node exited with ${code}:\n${output.join("")}`));
    });
  });
}
