/**
 * `canary network`: one command starts four validators and a full node as processes from one
 * chain spec; its status line shows them all authoring, finalizing and peered; smoldot, given the
 * raw spec it wrote, follows the network's finality, and keeps following it across an
 * authority-set change (sudo removes Dave); Ctrl-C stops every node it started.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@canary/bundler";
import { devKeypair, initCrypto } from "@canary/crypto";
import { compactU32, fromHex, toHex } from "@canary/primitives";
import { start } from "smoldot";
import { afterAll, describe, expect, it } from "vitest";
import { DEV_ACCOUNTS } from "../../runtimes/relay/src/index.ts";
import { signedCall } from "../support/transfer.ts";
import { until } from "../support/until.ts";

const dir = mkdtempSync(join(tmpdir(), "canary-netcmd-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Ports of their own below Linux's ephemeral range (32768 and up), where the other tests' free
// ports (port 0) come from, so that no test running beside this one can take them.
const RPC = 20_000 + Math.floor(Math.random() * 5_000);
const P2P = RPC + 5_000;
/** Slots per session: short, so that a set change is enacted within seconds. */
const EPOCH = 4;

async function rpc<T>(port: number, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

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
        "--epoch-duration",
        String(EPOCH),
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
      /** Waits for smoldot's next finalized block numbers (asking the node for each hash's number). */
      const finalizedNumbers = async (): Promise<number[]> => {
        for (;;) {
          const m = JSON.parse(await chain.nextJsonRpcResponse()) as {
            params?: { result?: { event: string; finalizedBlockHashes?: string[] } };
          };
          const event = m.params?.result;
          expect(event?.event).not.toBe("stop");
          if (event?.event !== "finalized" && event?.event !== "initialized") continue;
          const hashes = event.finalizedBlockHashes ?? [];
          const headers = await Promise.all(
            hashes.map((h) => rpc<{ number: string }>(RPC, "chain_getHeader", [h])),
          );
          return headers.map((h) => Number(h.number));
        }
      };
      let finalized = 0;
      while (finalized < 2) if ((await finalizedNumbers()).length > 0) finalized++;

      // Sudo (Alice) removes Dave: two sessions later GRANDPA's set changes to three voters.
      await initCrypto();
      const genesis = await rpc<string>(RPC, "chain_getBlockHash", [0]);
      const call = Uint8Array.of(255, 0, 252, 1, ...compactU32.enc(1), ...DEV_ACCOUNTS.Dave);
      const tx = signedCall(fromHex(genesis), devKeypair("Alice"), call);
      await rpc(RPC, "author_submitExtrinsic", [toHex(tx)]);
      await until(
        "the set changes",
        async () => (await rpc<{ setId: number }>(RPC, "grandpa_roundState")).setId === 1,
        90_000,
        500,
      );
      const changed = /GRANDPA authority set 0 ends at #(\d+)/.exec(
        readFileSync(join(dir, "alice.log"), "utf8"),
      );
      expect(changed).not.toBeNull();
      const changeBlock = Number(changed![1]);
      // smoldot follows finality across the change: blocks past it, finalized by the new set.
      const deadline = Date.now() + 90_000;
      let highest = 0;
      while (highest <= changeBlock + 2 && Date.now() < deadline) {
        highest = Math.max(highest, ...(await finalizedNumbers()));
      }
      expect(highest).toBeGreaterThan(changeBlock + 2);
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
