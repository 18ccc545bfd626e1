/**
 * polkadot-api 2 (the new JSON-RPC spec) against a freshly started `canary --dev` process: build
 * the API from the node's own metadata, send a transfer and see it finalized.
 */
import { devKeypair, initCrypto, sr25519Sign } from "@canary/crypto";
import { createClient, Enum, type PolkadotClient } from "polkadot-api";
import { getPolkadotSigner } from "polkadot-api/signer";
import { getWsProvider } from "polkadot-api/ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_ACCOUNT_IDS } from "../support/devAccounts.ts";
import { type SpawnedNode, spawnNode } from "../support/spawnNode.ts";

let node: SpawnedNode;
let client: PolkadotClient;

beforeAll(async () => {
  await initCrypto();
  node = await spawnNode(["--dev", "--rpc-port", "0", "--prometheus-port", "0", "--block-time", "1000"]);
  const { port } = node;
  client = createClient(getWsProvider(`ws://127.0.0.1:${port}`));
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await node?.stop();
});

describe("polkadot-api against canary --dev", () => {
  it("builds the API from the node's metadata and sees a transfer finalized", async () => {
    const api = client.getUnsafeApi();
    const alice = devKeypair("Alice");
    const signer = getPolkadotSigner(alice.publicKey, "Sr25519", (msg) => sr25519Sign(alice, msg));
    const bobAddress = DEV_ACCOUNT_IDS.Bob.ss58Generic;
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
