/**
 * Two runtimes in one process (the relay and a small second runtime with other pallets and other
 * signed extensions): each encodes, decodes and dispatches its own calls, keeps its own state
 * layout, and produces its own metadata, which polkadot.js decodes.
 */
import {
  encodeMetadata,
  Root,
  type RuntimeCall,
  runtimeMetadataModel,
  signed,
  withHost,
} from "@canary/frame";
import { MemoryHost } from "@canary/frame/testing";
import { fromHex, toHex } from "@canary/primitives";
import { Metadata, TypeRegistry } from "@polkadot/types";
import { describe, expect, it } from "vitest";
import { createRelayRuntime } from "../../runtimes/relay/src/index.ts";
import { RELAY_PALLETS } from "../support/relayPallets.ts";
import { composeMini } from "./miniRuntime.ts";

const alice = fromHex("0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
const bob = fromHex("0x8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48");
const UNITS = 1_000_000_000_000n;

const transfer = (pallet: string, value: bigint): RuntimeCall => ({
  tag: pallet,
  value: { tag: "transfer_keep_alive", value: { dest: { tag: "Id", value: bob }, value } },
});

/** The metadata a runtime serves, as polkadot.js reads it. */
function decoded(model: Parameters<typeof encodeMetadata>[0]) {
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, encodeMetadata(model, 15));
  registry.setMetadata(metadata);
  const v15 = metadata.asV15;
  return {
    pallets: v15.pallets.map((p) => [p.name.toString(), p.index.toNumber()]),
    extensions: v15.extrinsic.signedExtensions.map((e) => e.identifier.toString()),
    registry,
  };
}

describe("two runtimes side by side", () => {
  const relay = createRelayRuntime();
  const mini = composeMini();

  it("each encodes and decodes its own calls, and refuses the other's pallets", () => {
    const onRelay = relay.runtime.callCodec.enc(transfer("Balances", UNITS));
    const onMini = mini.runtime.callCodec.enc(transfer("ForeignBalances", 7n));
    expect(toHex(onRelay.subarray(0, 2))).toBe("0x0403"); // Balances at Kusama's index 4
    expect(toHex(onMini.subarray(0, 2))).toBe("0x0b03"); // the second Balances instance at 11
    expect(mini.runtime.callCodec.dec(onMini)).toEqual(transfer("ForeignBalances", 7n));
    expect(() => relay.runtime.callCodec.dec(onMini)).toThrow(/no pallet with index 11/);
    expect(() =>
      mini.runtime.callCodec.enc({ tag: "Sudo", value: { tag: "remove_key", value: {} } }),
    ).toThrow(/no pallet Sudo/);
  });

  it("each dispatches on its own state; the two Balances instances keep separate accounts", () => {
    const relayHost = new MemoryHost();
    const miniHost = new MemoryHost();
    withHost(relayHost, () => {
      relay.pallets.balances.genesis?.build({ balances: [[alice, 10n * UNITS]] });
      relay.pallets.system.api.initializeBlock(1, new Uint8Array(32), []);
      expect(relay.runtime.dispatch(signed(alice), transfer("Balances", UNITS)).ok).toBe(true);
      expect(relay.pallets.balances.api.freeBalance(bob)).toBe(UNITS);
    });
    withHost(miniHost, () => {
      const { balances, foreign, system } = mini.pallets;
      balances.genesis?.build({ balances: [[alice, 10_000n]] });
      system.api.initializeBlock(1, new Uint8Array(32), []);
      // The foreign token has its own issuance and existential deposit; it mints on its own.
      expect(
        mini.runtime.dispatch(Root, {
          tag: "ForeignBalances",
          value: { tag: "force_set_balance", value: { who: { tag: "Id", value: alice }, new_free: 50n } },
        }).ok,
      ).toBe(true);
      expect(mini.runtime.dispatch(signed(alice), transfer("ForeignBalances", 7n)).ok).toBe(true);
      expect(foreign.api.totalIssuance()).toBe(50n);
      expect(balances.api.totalIssuance()).toBe(10_000n);
      expect(toHex(foreign.storage.TotalIssuance.key)).not.toBe(toHex(balances.storage.TotalIssuance.key));
      // A transfer beyond the balance fails with fungible's Token error, as in today's FRAME; a
      // module error names its own instance's index.
      const failed = mini.runtime.dispatch(signed(bob), transfer("ForeignBalances", 1_000n));
      expect(failed).toMatchObject({
        ok: false,
        error: { tag: "Token", value: { tag: "FundsUnavailable" } },
      });
      expect(() => foreign.api.reserve(bob, 1_000n)).toThrow(
        expect.objectContaining({
          error: { tag: "Module", value: { index: 11, error: Uint8Array.of(2, 0, 0, 0) } },
        }),
      );
    });
    // Nothing of one runtime leaked into the other's state.
    expect(relayHost.storageRoot(1)).not.toEqual(miniHost.storageRoot(1));
  });

  it("each produces its own metadata, with its own pallets and signed extensions, which polkadot.js decodes", () => {
    const relayMeta = decoded(runtimeMetadataModel(relay.runtime, relay.extensions, relay.apis));
    const miniMeta = decoded(runtimeMetadataModel(mini.runtime, mini.extensions, mini.apis));
    expect(relayMeta.pallets).toEqual(RELAY_PALLETS);
    expect(miniMeta.pallets).toEqual([
      ["System", 0],
      ["Balances", 10],
      ["ForeignBalances", 11],
      ["Utility", 40],
    ]);
    expect(relayMeta.extensions.slice(-3)).toEqual([
      "ChargeTransactionPayment",
      "PrevalidateAttests",
      "CheckMetadataHash",
    ]);
    expect(miniMeta.extensions).toEqual([
      "CheckNonZeroSender",
      "CheckSpecVersion",
      "CheckTxVersion",
      "CheckGenesis",
      "CheckMortality",
      "CheckNonce",
      "CheckWeight",
    ]);
    // polkadot.js decodes each runtime's calls from that runtime's metadata.
    const call = miniMeta.registry.createType(
      "Call",
      mini.runtime.callCodec.enc(transfer("ForeignBalances", 7n)),
    );
    expect([call.section, call.method]).toEqual(["foreignBalances", "transferKeepAlive"]);
    const relayCall = relayMeta.registry.createType(
      "Call",
      relay.runtime.callCodec.enc(transfer("Balances", 1n)),
    );
    expect([relayCall.section, relayCall.method]).toEqual(["balances", "transferKeepAlive"]);
  });
});
