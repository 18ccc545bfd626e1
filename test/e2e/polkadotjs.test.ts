/**
 * polkadot.js 16 against a freshly started `canary --dev` process (issue 4): chain name,
 * properties, balances, paymentInfo, and a transfer seen in a block and then finalized.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { ApiPromise, WsProvider } from "@polkadot/api";
import { Keyring } from "@polkadot/keyring";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../scripts/bundleRuntime.ts";

let proc: ChildProcess;
let api: ApiPromise;
const output: string[] = [];

/** Starts `canary --dev` on a free port and resolves with the port once its RPC server listens. */
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
  const port = await startNode([
    "--dev",
    "--rpc-port",
    "0",
    "--prometheus-port",
    "0",
    "--block-time",
    "1000",
  ]);
  api = await ApiPromise.create({
    provider: new WsProvider(`ws://127.0.0.1:${port}`),
    noInitWarn: true,
    throwOnConnect: true,
  });
}, 60_000);

afterAll(async () => {
  await api?.disconnect();
  if (proc && proc.exitCode === null) {
    const exited = new Promise((r) => proc.once("exit", r));
    proc.kill("SIGINT");
    await exited;
  }
});

describe("polkadot.js against canary --dev", () => {
  it("reads the chain's name, properties and Alice's balance", async () => {
    expect((await api.rpc.system.chain()).toString()).toBe("Canary Development");
    const props = await api.rpc.system.properties();
    expect(props.ss58Format.unwrap().toNumber()).toBe(2);
    expect(props.tokenDecimals.unwrap().map((d) => d.toNumber())).toEqual([12]);
    expect(props.tokenSymbol.unwrap().map((s) => s.toString())).toEqual(["KSM"]);
    const keyring = new Keyring({ type: "sr25519" });
    const alice = keyring.addFromUri("//Alice");
    const account = (await api.query.system!.account!(alice.address)) as unknown as {
      data: { free: { toBigInt(): bigint } };
    };
    expect(account.data.free.toBigInt()).toBe(10n ** 18n);
    expect(api.runtimeVersion.specName.toString()).toBe("canary");
  });

  it("quotes a fee, then a transfer is in a block and finalized with its events and Bob's new balance", async () => {
    const keyring = new Keyring({ type: "sr25519" });
    const alice = keyring.addFromUri("//Alice");
    const bob = keyring.addFromUri("//Bob");
    const before = (
      (await api.query.system!.account!(bob.address)) as unknown as { data: { free: { toBigInt(): bigint } } }
    ).data.free.toBigInt();
    const amount = 12_345_000_000_000n;
    const tx = api.tx.balances!.transferKeepAlive!(bob.address, amount);
    const info = await tx.paymentInfo(alice);
    expect(info.partialFee.toBigInt() > 0n).toBe(true);
    const statuses: string[] = [];
    const events = await new Promise<string[]>((resolve, reject) => {
      tx.signAndSend(alice, (result) => {
        statuses.push(result.status.type);
        if (result.status.isFinalized)
          resolve(result.events.map(({ event }) => `${event.section}.${event.method}`));
        if (result.isError) reject(new Error(`transaction failed: ${result.status.type}`));
      }).catch(reject);
    });
    expect(statuses).toContain("InBlock");
    expect(statuses.at(-1)).toBe("Finalized");
    expect(events).toEqual(expect.arrayContaining(["balances.Transfer", "system.ExtrinsicSuccess"]));
    const after = (
      (await api.query.system!.account!(bob.address)) as unknown as { data: { free: { toBigInt(): bigint } } }
    ).data.free.toBigInt();
    expect(after).toBe(before + amount);
  }, 60_000);
});
