/**
 * `canary network`: one command starts four validators and a full node as processes from one
 * chain spec; its status line shows them all authoring, finalizing and peered; smoldot, given the
 * raw spec it wrote, follows the network's finality; Ctrl-C stops every node it started.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@canary/bundler";
import { start } from "smoldot";
import { afterAll, describe, expect, it } from "vitest";
import { until } from "../support/until.ts";

const dir = mkdtempSync(join(tmpdir(), "canary-netcmd-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Ports of their own below Linux's ephemeral range (32768 and up), where the other tests' free
// ports (port 0) come from, so that no test running beside this one can take them.
const RPC = 20_000 + Math.floor(Math.random() * 5_000);
const P2P = RPC + 5_000;

describe("canary network", () => {
  it("runs four validators and a full node that finalize together, followed by smoldot, until Ctrl-C", async () => {
    const proc = spawn(
      process.execPath,
      [
        join(REPO_ROOT, "packages/node/src/cli/canary.ts"),
        "network",
        "--base-path",
        dir,
        "--block-time",
        "1000",
        "--status-interval",
        "1000",
        "--rpc-port",
        String(RPC),
        "--port",
        String(P2P),
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const output: string[] = [];
    proc.stdout.on("data", (d) => output.push(String(d)));
    proc.stderr.on("data", (d) => output.push(String(d)));
    const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
    const text = () => output.join("");
    await until("the endpoints are printed", () => text().includes("node1"), 60_000);
    expect(text()).toContain(`alice    validator  ws://127.0.0.1:${RPC}`);
    expect(text()).toContain(`node1    full node  ws://127.0.0.1:${RPC + 4}`);
    // Every node at finalized #3 or beyond, with the four others as peers.
    const allFinal = () => {
      const last =
        text()
          .split("\n")
          .filter((l) => l.startsWith("📊"))
          .at(-1) ?? "";
      const nodes = [...last.matchAll(/(\w+) #(\d+)\/#(\d+) (\d+)p/g)];
      return (
        nodes.length === 5 && nodes.every(([, , , fin, peers]) => Number(fin) >= 3 && Number(peers) === 4)
      );
    };
    // Five nodes and this test share two cores with the other tests: allow for a slow start.
    await until("all five finalize, each with four peers", allFinal, 150_000).catch((e: Error) => {
      throw new Error(`${e.message}; the command printed:\n${text()}`);
    });

    // smoldot takes the raw spec the command wrote (the boot node in it) and follows finality.
    const client = start({ maxLogLevel: 1 });
    try {
      const chain = await client.addChain({ chainSpec: readFileSync(join(dir, "chain-spec.json"), "utf8") });
      chain.sendJsonRpc(
        JSON.stringify({ jsonrpc: "2.0", id: 1, method: "chainHead_v1_follow", params: [false] }),
      );
      let finalized = 0;
      while (finalized < 2) {
        const m = JSON.parse(await chain.nextJsonRpcResponse()) as {
          params?: { result?: { event: string } };
        };
        if (m.params?.result?.event === "finalized") finalized++;
      }
    } finally {
      await client.terminate();
    }

    proc.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(text()).toContain("Stopped 5 nodes");
    // Nothing answers on the nodes' ports any more.
    await expect(fetch(`http://127.0.0.1:${RPC}`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  }, 300_000);
});
