/**
 * polkadot-api 2 (the new JSON-RPC spec) against a freshly started `canary --dev` process: build
 * the API from the node's own metadata, send a transfer and see it finalized.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { devKeypair, initCrypto, sr25519Sign } from "@canary/crypto";
import { createClient, Enum, type PolkadotClient } from "polkadot-api";
import { getPolkadotSigner } from "polkadot-api/signer";
import { getWsProvider } from "polkadot-api/ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../scripts/bundleRuntime.ts";

let proc: ChildProcess;
let client: PolkadotClient;
const output: string[] = [];

function startNode(args: string[]): Promise<number> {
  proc = spawn(process.execPath, [join(REPO_ROOT, "packages/node/src/cli/canary.ts"), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the node did not start:\n${output.join("")}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const m = /Running JSON-RPC server: addr=127\.0\.0\.1:(\d+)/.exec(output.join(""));
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    proc.stdout?.on("data", onData);
    proc.stderr?.on("data", onData);
    proc.once("exit", (code) => reject(new Error(`the node exited with ${code}:\n${output.join("")}`)));
  });
}

beforeAll(async () => {
  await initCrypto();
  const port = await startNode([
    "--dev",
    "--rpc-port",
    "0",
    "--prometheus-port",
    "0",
    "--block-time",
    "1000",
  ]);
  client = createClient(getWsProvider(`ws://127.0.0.1:${port}`));
}, 60_000);

afterAll(async () => {
  client?.destroy();
  if (proc && proc.exitCode === null) {
    const exited = new Promise((r) => proc.once("exit", r));
    proc.kill("SIGINT");
    await exited;
  }
});

describe("polkadot-api against canary --dev", () => {
  it("builds the API from the node's metadata and sees a transfer finalized", async () => {
    const api = client.getUnsafeApi();
    const alice = devKeypair("Alice");
    const signer = getPolkadotSigner(alice.publicKey, "Sr25519", (msg) => sr25519Sign(alice, msg));
    const bobAddress = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
    const before = (await api.query.System!.Account!.getValue(bobAddress)) as { data: { free: bigint } };
    const tx = api.tx.Balances!.transfer_keep_alive!({ dest: Enum("Id", bobAddress), value: 10n ** 12n });
    const result = await tx.signAndSubmit(signer);
    expect(result.ok).toBe(true);
    const names = result.events.map(
      (e: { type: string; value: { type: string } }) => `${e.type}.${e.value.type}`,
    );
    expect(names).toEqual(expect.arrayContaining(["Balances.Transfer", "System.ExtrinsicSuccess"]));
    const finalized = await client.getFinalizedBlock();
    expect(finalized.number).toBeGreaterThanOrEqual(result.block.number);
    const after = (await api.query.System!.Account!.getValue(bobAddress, { at: "finalized" })) as {
      data: { free: bigint };
    };
    expect(after.data.free).toBe(before.data.free + 10n ** 12n);
  }, 60_000);
});
