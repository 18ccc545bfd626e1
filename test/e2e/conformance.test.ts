/**
 * Conformance with the clients dApps use (issue 13), against a freshly started `canary --dev`:
 * polkadot.js 16 and polkadot-api 2 (with typed descriptors generated from the running node by
 * polkadot-api's own CLI) send metadata-hash-signed transfers to finality, read storage history,
 * decode `Token` errors, and raw JSON-RPC reaches every method of Substrate's surface.
 */
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleRuntime, REPO_ROOT } from "@canary/bundler";
import { devKeypair, initCrypto, sr25519Sign } from "@canary/crypto";
import { Bytes, fromHex, Option, toHex } from "@canary/primitives";
import { ApiPromise, WsProvider } from "@polkadot/api";
import type { SubmittableExtrinsic } from "@polkadot/api/types";
import { Keyring } from "@polkadot/keyring";
import type { KeyringPair } from "@polkadot/keyring/types";
import { merkleizeMetadata } from "@polkadot-api/merkleize-metadata";
import { createClient, Enum, type PolkadotClient } from "polkadot-api";
import { getPolkadotSigner, withMetadataHash } from "polkadot-api/signer";
import { getWsProvider } from "polkadot-api/ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_ACCOUNT_IDS } from "../support/devAccounts.ts";
import { type SpawnedNode, spawnNode } from "../support/spawnNode.ts";

const NETWORK = { tokenSymbol: "KSM", decimals: 12 };
let node: SpawnedNode;
let api: ApiPromise;
let client: PolkadotClient;
let keyring: Keyring;
const papiDir = join(REPO_ROOT, "test/e2e", `.papi-${process.pid}`);

async function rpc(method: string, params: unknown[] = []) {
  const res = await fetch(`http://127.0.0.1:${node.port}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return (await res.json()) as {
    result?: unknown;
    error?: { code: number; message: string; data?: unknown };
  };
}

/** The V15 metadata the node serves, as a client reads it (`Metadata_metadata_at_version(15)`). */
async function servedMetadata(): Promise<Uint8Array> {
  const { result } = await rpc("state_call", ["Metadata_metadata_at_version", "0x0f000000"]);
  return Option(Bytes).dec(fromHex(result as string))!;
}

/** polkadot-api's CLI, run as a dApp developer runs it: `papi add canary -w ws://…` (no package install). */
async function generateDescriptors(wsUrl: string): Promise<string> {
  mkdirSync(join(papiDir, ".papi"), { recursive: true });
  writeFileSync(
    join(papiDir, ".papi/polkadot-api.json"),
    JSON.stringify({
      version: 0,
      descriptorPath: ".papi/descriptors",
      entries: {},
      options: { noDescriptorsPackage: true },
    }),
  );
  const cli = join(REPO_ROOT, "node_modules/@polkadot-api/cli/dist/main/src/main.js");
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const p = spawn(process.execPath, [cli, "add", "canary", "-w", wsUrl], { cwd: papiDir });
    p.stdout.on("data", (d) => output.push(String(d)));
    p.stderr.on("data", (d) => output.push(String(d)));
    p.once("exit", resolve);
  });
  if (code !== 0) throw new Error(`papi add failed (${code}):\n${output.join("")}`);
  return join(papiDir, ".papi/descriptors/dist/index.js");
}

const free = async (address: string) =>
  (
    (await api.query.system!.account!(address)) as unknown as { data: { free: { toBigInt(): bigint } } }
  ).data.free.toBigInt();

/** Signs and sends with polkadot.js; resolves at finality with the events and the dispatch error, if any. */
function pjsSend(tx: SubmittableExtrinsic<"promise">, from: KeyringPair, options: object = {}) {
  return new Promise<{ events: string[]; error?: string; blockHash: string }>((resolve, reject) => {
    tx.signAndSend(from, options, (result) => {
      if (result.isError) reject(new Error(`transaction failed: ${result.status.type}`));
      if (!result.status.isFinalized) return;
      const events = result.events.map(({ event }) => `${event.section}.${event.method}`);
      const failure = result.dispatchError;
      const error = failure?.isToken ? `Token.${failure.asToken.type}` : failure?.type;
      resolve({ events, blockHash: result.status.asFinalized.toHex(), ...(error ? { error } : {}) });
    }).catch(reject);
  });
}

beforeAll(async () => {
  await initCrypto();
  node = await spawnNode(["--dev", "--rpc-port", "0", "--prometheus-port", "0", "--block-time", "1000"]);
  const url = `ws://127.0.0.1:${node.port}`;
  api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, throwOnConnect: true });
  client = createClient(getWsProvider(url));
  keyring = new Keyring({ type: "sr25519", ss58Format: 2 });
}, 60_000);

afterAll(async () => {
  await api?.disconnect();
  client?.destroy();
  await node?.stop();
  rmSync(papiDir, { recursive: true, force: true });
});

describe("metadata-hash signing (CheckMetadataHash mode 1)", () => {
  it("the hash baked into the runtime equals the one merkleize-metadata computes from the served metadata", async () => {
    const clientHash = toHex(merkleizeMetadata(await servedMetadata(), NETWORK).digest());
    const built = await bundleRuntime(join(REPO_ROOT, "runtimes/relay/src/main.ts"));
    expect(built.metadataHash).toBe(clientHash);
  });

  it("polkadot.js with mode 1 and the metadata hash: included and finalized", async () => {
    const metadataHash = toHex(merkleizeMetadata(await servedMetadata(), NETWORK).digest());
    const alice = keyring.addFromUri("//Alice");
    const bob = keyring.addFromUri("//Bob");
    const before = await free(bob.address);
    const tx = api.tx.balances!.transferKeepAlive!(bob.address, 5n * 10n ** 12n);
    const { events, error } = await pjsSend(tx, alice, { mode: 1, metadataHash });
    expect(error).toBeUndefined();
    expect(events).toEqual(expect.arrayContaining(["balances.Transfer", "system.ExtrinsicSuccess"]));
    expect(await free(bob.address)).toBe(before + 5n * 10n ** 12n);
    // Fee events in Substrate's order: the withdrawal first, TransactionFeePaid after the deposits.
    const fees = events.filter((e) => e.startsWith("balances.") || e.startsWith("transactionPayment."));
    expect(fees[0]).toBe("balances.Withdraw");
    expect(fees.at(-1)).toBe("transactionPayment.TransactionFeePaid");
  }, 60_000);

  it("polkadot.js with mode 1 and a wrong hash: refused with 1010 BadProof", async () => {
    const metadataHash = `0x${"11".repeat(32)}`;
    const tx = api.tx.balances!.transferKeepAlive!(keyring.addFromUri("//Bob").address, 10n ** 12n);
    const signed = await tx.signAsync(keyring.addFromUri("//Ferdie"), { mode: 1, metadataHash });
    const answer = await rpc("author_submitExtrinsic", [signed.toHex()]);
    expect(answer.error).toEqual({
      code: 1010,
      message: "Invalid Transaction",
      data: "Transaction has a bad signature",
    });
  });

  it("polkadot-api's typed API (descriptors generated from the node) with withMetadataHash: finalized", async () => {
    const descriptorsFile = await generateDescriptors(`ws://127.0.0.1:${node.port}`);
    const { canary } = (await import(pathToFileURL(descriptorsFile).href)) as { canary: never };
    const typed = client.getTypedApi(canary) as unknown as {
      query: {
        System: { Account: { getValue(a: string, o?: object): Promise<{ data: { free: bigint } }> } };
      };
      tx: {
        Balances: {
          transfer_keep_alive(a: { dest: unknown; value: bigint }): {
            signAndSubmit(
              s: unknown,
            ): Promise<{ ok: boolean; events: Array<{ type: string; value: { type: string } }> }>;
          };
        };
      };
    };
    const bobKey = devKeypair("Bob");
    const signer = withMetadataHash(
      NETWORK,
      getPolkadotSigner(bobKey.publicKey, "Sr25519", (m) => sr25519Sign(bobKey, m)),
    );
    const charlie = new Keyring({ type: "sr25519" }).addFromUri("//Charlie").address; // generic prefix 42
    const before = await typed.query.System.Account.getValue(charlie);
    const result = await typed.tx.Balances.transfer_keep_alive({
      dest: Enum("Id", charlie),
      value: 10n ** 12n,
    }).signAndSubmit(signer);
    expect(result.ok).toBe(true);
    expect(result.events.map((e) => `${e.type}.${e.value.type}`)).toEqual(
      expect.arrayContaining(["Balances.Transfer", "System.ExtrinsicSuccess"]),
    );
    const after = await typed.query.System.Account.getValue(charlie, { at: "finalized" });
    expect(after.data.free).toBe(before.data.free + 10n ** 12n);
  }, 120_000);
});

describe("everyday dApp reads", () => {
  // polkadot.js 16 has no `.range()` on storage entries any more (removed from @polkadot/api's
  // Decorate): its storage history is `api.rpc.state.queryStorage`, which `.range()` called.
  it("api.rpc.state.queryStorage([key], from, to) returns the account's history", async () => {
    const bob = keyring.addFromUri("//Bob");
    const genesis = api.genesisHash;
    const best = await api.rpc.chain.getBlockHash();
    // A [storage entry, argument] key carries its type, so polkadot.js decodes the values.
    const key = [api.query.system!.account!.creator, [bob.address]] as never;
    // polkadot.js decodes each change set as [block hash, [value per key]] with the keys' types.
    const history = (await api.rpc.state.queryStorage([key], genesis, best)) as unknown as Array<
      [{ toHex(): string }, Array<{ data: { free: { toBigInt(): bigint } } }>]
    >;
    expect(history.length).toBeGreaterThanOrEqual(2); // genesis, then the block(s) that credited Bob
    expect(history[0]![0].toHex()).toBe(genesis.toHex());
    const balances = history.map(([, values]) => values[0]!.data.free.toBigInt());
    expect(balances[0]).toBe(10n ** 18n);
    expect(new Set(balances).size).toBe(balances.length);
    expect(balances.at(-1)).toBe(await free(bob.address));
  });

  it("paymentInfo and queryFeeDetails agree, with Substrate's shapes", async () => {
    const tx = api.tx.balances!.transferKeepAlive!(keyring.addFromUri("//Bob").address, 10n ** 12n);
    const info = await tx.paymentInfo(keyring.addFromUri("//Alice"));
    expect(info.weight.refTime.toBigInt()).toBeGreaterThan(0n); // polkadot.js reads ref_time
    const details = await api.rpc.payment.queryFeeDetails(
      (await tx.signAsync(keyring.addFromUri("//Eve"))).toHex(),
    );
    const fee = details.inclusionFee.unwrap();
    expect(fee.baseFee.toBigInt() + fee.lenFee.toBigInt() + fee.adjustedWeightFee.toBigInt()).toBe(
      info.partialFee.toBigInt(),
    );
  });
});

describe("balances' Token errors, decoded by both clients", () => {
  it("overdraw, below the existential deposit, and killing a kept-alive account", async () => {
    const charlie = keyring.addFromUri("//Charlie");
    const dave = keyring.addFromUri("//Dave");
    const eve = keyring.addFromUri("//Eve");
    const nobody = keyring.addFromUri("//Nobody").address;
    const overdraw = pjsSend(api.tx.balances!.transferAllowDeath!(nobody, 10n ** 30n), charlie);
    const below = pjsSend(api.tx.balances!.transferAllowDeath!(nobody, 1n), eve);
    // The fee of a transfer whose amount encodes to the same length as the one sent.
    const daveFree = await free(dave.address);
    const probe = api.tx.balances!.transferKeepAlive!(nobody, daveFree);
    const fee = (await probe.paymentInfo(dave)).partialFee.toBigInt();
    const all = daveFree - fee - 1n; // leaves 1 planck after the fee: below the deposit
    const kill = pjsSend(api.tx.balances!.transferKeepAlive!(nobody, all), dave);
    const results = await Promise.all([overdraw, below, kill]);
    expect(results.map((r) => r.error)).toEqual([
      "Token.FundsUnavailable",
      "Token.BelowMinimum",
      "Token.NotExpendable",
    ]);
    // polkadot-api decodes the same errors from the same blocks' events.
    const unsafeApi = client.getUnsafeApi();
    for (const r of results) {
      const events = (await unsafeApi.query.System!.Events!.getValue({ at: r.blockHash })) as Array<{
        event: {
          type: string;
          value: { type: string; value: { dispatch_error?: { type: string; value: { type: string } } } };
        };
      }>;
      const failures = events
        .filter((e) => e.event.type === "System" && e.event.value.type === "ExtrinsicFailed")
        .map(
          (e) =>
            `${e.event.value.value.dispatch_error?.type}.${e.event.value.value.dispatch_error?.value.type}`,
        );
      expect(failures).toContain(r.error);
    }
  }, 90_000);
});

describe("raw JSON-RPC: Substrate's surface", () => {
  it("answers each method the issue names (never -32601 or -32603) and lists exactly what it serves", async () => {
    const { result } = await rpc("rpc_methods");
    const methods = (result as { methods: string[] }).methods;
    const genesis = api.genesisHash.toHex();
    const childKey = toHex(new TextEncoder().encode(":child_storage:default:none"));
    const calls: Array<[string, unknown[]]> = [
      ["state_queryStorage", [["0x00"], genesis]],
      ["state_getKeys", ["0x3a636f6465"]],
      ["state_getPairs", ["0x3a636f6465"]],
      ["state_getChildReadProof", [childKey, ["0x00"]]],
      ["childstate_getKeys", [childKey, "0x"]],
      ["childstate_getKeysPaged", [childKey, "0x", 10]],
      ["childstate_getStorage", [childKey, "0x00"]],
      ["childstate_getStorageEntries", [childKey, ["0x00"]]],
      ["childstate_getStorageHash", [childKey, "0x00"]],
      ["childstate_getStorageSize", [childKey, "0x00"]],
      ["payment_queryFeeDetails", ["0x00"]],
      ["author_removeExtrinsic", [[]]],
      ["system_addLogFilter", ["info"]],
      ["system_resetLogFilter", []],
      ["chain_getHead", []],
      ["state_callAt", ["Core_version", "0x"]],
      ["state_getKeysPagedAt", ["0x", 1]],
      ["state_getStorageHashAt", ["0x3a636f6465"]],
      ["state_getStorageSizeAt", ["0x3a636f6465"]],
      ["account_nextIndex", [DEV_ACCOUNT_IDS.Alice.ss58]],
      ["system_dryRunAt", ["0x00"]],
    ];
    for (const [method, params] of calls) {
      expect(methods, method).toContain(method);
      const answer = await rpc(method, params);
      expect([-32601, -32603], `${method}: ${JSON.stringify(answer.error)}`).not.toContain(
        answer.error?.code,
      );
    }
    expect((await rpc("state_getSomethingElse")).error?.code).toBe(-32601);
    expect(methods).not.toContain("state_getSomethingElse");
    expect((await rpc("author_submitExtrinsic", ["0x1234"])).error?.code).toBe(1001);
    expect(node.output.join("")).not.toMatch(/ ERROR /);
  });
});
