/**
 * polkadot.js 16 against a freshly started `canary --dev` process (issue 4): chain name,
 * properties, balances, paymentInfo, and a transfer seen in a block and then finalized.
 */
import { ApiPromise, WsProvider } from "@polkadot/api";
import { Keyring } from "@polkadot/keyring";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SpawnedNode, spawnNode } from "../support/spawnNode.ts";

let node: SpawnedNode;
let api: ApiPromise;

beforeAll(async () => {
  node = await spawnNode(["--dev", "--rpc-port", "0", "--prometheus-port", "0", "--block-time", "1000"]);
  const { port } = node;
  api = await ApiPromise.create({
    provider: new WsProvider(`ws://127.0.0.1:${port}`),
    noInitWarn: true,
    throwOnConnect: true,
  });
}, 60_000);

afterAll(async () => {
  await api?.disconnect();
  await node?.stop();
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
