import {
  AccountId32,
  CANARY_SIGNED_EXTENSIONS,
  compactU128,
  MultiAddress,
  toHex,
  u8,
  u32,
} from "@canary/primitives";
import { expandMetadata, Metadata, TypeRegistry as PjsRegistry } from "@polkadot/types";
import { getChecksumBuilder, getDynamicBuilder } from "@polkadot-api/metadata-builders";
import { metadata as bindingsMetadata, type V14, type V15, v14, v15 } from "@polkadot-api/substrate-bindings";
import { describe, expect, it } from "vitest";
import { buildMetadataV14, buildMetadataV15, encodeMetadata, metadataVersions } from "./encode.ts";
import { ALICE, accountDefault, sampleModel, versionValue } from "./test/sampleModel.ts";

const model = sampleModel();
const bytes = { 14: encodeMetadata(model, 14), 15: encodeMetadata(model, 15) } as const;

function pjs(version: 14 | 15) {
  const registry = new PjsRegistry();
  const metadata = new Metadata(registry, bytes[version]);
  registry.setMetadata(metadata);
  return { registry, metadata };
}

describe("encodeMetadata: prefix and bindings round trip", () => {
  for (const version of [14, 15] as const) {
    it(`v${version} starts with the magic and version byte`, () => {
      expect(toHex(bytes[version].subarray(0, 5))).toBe(`0x6d657461${version.toString(16).padStart(2, "0")}`);
    });

    it(`v${version} decodes with substrate-bindings and re-encodes to the same bytes`, () => {
      const decoded = bindingsMetadata.dec(bytes[version]);
      expect(decoded.metadata.tag).toBe(`v${version}`);
      expect(toHex(bindingsMetadata.enc(decoded))).toBe(toHex(bytes[version]));
    });
  }

  it("writes exactly what the bindings' v14/v15 codecs write for the same value", () => {
    // biome-ignore lint/suspicious/noExplicitAny: the built value is the codec's input shape.
    const v14Body = v14.enc(buildMetadataV14(model) as any);
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    const v15Body = v15.enc(buildMetadataV15(model) as any);
    expect(toHex(bytes[14].subarray(5))).toBe(toHex(v14Body));
    expect(toHex(bytes[15].subarray(5))).toBe(toHex(v15Body));
  });

  it("v15 carries pallet docs, apis and outer enums; v14 has none", () => {
    const m15 = bindingsMetadata.dec(bytes[15]).metadata;
    if (m15.tag !== "v15") throw new Error("not v15");
    expect(m15.value.pallets.map((p) => p.docs)).toEqual([
      ["The System pallet."],
      ["The Balances pallet."],
      [],
    ]);
    expect(m15.value.apis[0]!.name).toBe("AccountNonceApi");
    expect(m15.value.apis[0]!.methods[0]!.inputs[0]!.name).toBe("account");
    const lookup = m15.value.lookup;
    expect(lookup[m15.value.outerEnums.call]!.path).toEqual(["canary_runtime", "RuntimeCall"]);
    expect(lookup[m15.value.outerEnums.event]!.path).toEqual(["canary_runtime", "RuntimeEvent"]);
    expect(lookup[m15.value.outerEnums.error]!.path).toEqual(["canary_runtime", "RuntimeError"]);
    expect(lookup[m15.value.extrinsic.call]!.path).toEqual(["canary_runtime", "RuntimeCall"]);
    expect(m15.value.custom).toEqual([]);
    const m14 = bindingsMetadata.dec(bytes[14]).metadata;
    if (m14.tag !== "v14") throw new Error("not v14");
    expect(lookup[m14.value.extrinsic.type]!.path.join("::")).toBe(
      "sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic",
    );
  });

  it("ids are positions and stable across encodings", () => {
    for (const build of [buildMetadataV14, buildMetadataV15]) {
      const types = build(model).lookup;
      types.forEach((t, i) => {
        expect(t.id).toBe(i);
      });
    }
    expect(toHex(encodeMetadata(sampleModel(), 15))).toBe(toHex(bytes[15]));
    expect(toHex(encodeMetadata(sampleModel(), 14))).toBe(toHex(bytes[14]));
    // Both versions assign the shared types the same ids.
    const a = buildMetadataV14(model).lookup;
    const b = buildMetadataV15(model).lookup;
    expect(b.slice(0, a.length)).toEqual(a);
  });

  it("rejects an unsupported version", () => {
    expect(() => encodeMetadata(model, 16 as 15)).toThrow(/not supported/);
  });
});

describe("polkadot.js 16 reads the metadata", () => {
  for (const version of [14, 15] as const) {
    describe(`v${version}`, () => {
      const { registry, metadata } = pjs(version);
      const latest = metadata.asLatest;

      it("decodes to the same bytes", () => {
        expect(metadata.version).toBe(version);
        expect(toHex(metadata.toU8a())).toBe(toHex(bytes[version]));
      });

      it("lists the pallets with their indices", () => {
        expect(latest.pallets.map((p) => [p.name.toString(), p.index.toNumber()])).toEqual([
          ["System", 0],
          ["Balances", 4],
          ["Utility", 24],
        ]);
      });

      it("finds calls and encodes them as the runtime does", () => {
        expect(registry.findMetaCall(new Uint8Array([4, 3])).method).toBe("transferKeepAlive");
        expect(registry.findMetaCall(new Uint8Array([4, 3])).section).toBe("balances");
        expect(registry.findMetaCall(new Uint8Array([24, 0])).method).toBe("batch");
        const call = registry.createType("Call", {
          callIndex: [4, 3],
          args: { dest: { Id: ALICE }, value: 1_000_000n },
        });
        const ours = new Uint8Array([
          4,
          3,
          ...MultiAddress.enc({ tag: "Id", value: ALICE }),
          ...compactU128.enc(1_000_000n),
        ]);
        expect(call.toHex()).toBe(toHex(ours));
        // A batch holding that call: the recursive type decodes.
        const batch = registry.createType("Call", new Uint8Array([24, 0, 4, ...ours]));
        expect(batch.method).toBe("batch");
        expect((batch.args[0] as unknown as { length: number }).length).toBe(1);
        expect(toHex(batch.toU8a())).toBe(toHex(new Uint8Array([24, 0, 4, ...ours])));
      });

      it("decorates storage, constants, events and errors", () => {
        const decorated = expandMetadata(registry, metadata);
        expect(Object.keys(decorated.query.system!)).toEqual(
          expect.arrayContaining(["account", "number", "events", "lastRuntimeUpgrade"]),
        );
        const accountKey = decorated.query.system!.account!(ALICE);
        // polkadot.js returns the key with its compact length prefix (0x4101 = 80 bytes).
        expect(toHex(accountKey)).toBe(
          "0x410126aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9de1e86a9a8c739864cf3cc5ec2bea59fd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d",
        );
        const accountEntry = decorated.query.system!.account!.meta;
        expect(accountEntry.modifier.isDefault).toBe(true);
        expect(accountEntry.type.asMap.hashers.map((h) => h.toString())).toEqual(["Blake2_128Concat"]);
        expect(toHex(accountEntry.fallback.toU8a(true))).toBe(toHex(accountDefault));
        const info = registry.createType(
          registry.lookup.getTypeDef(accountEntry.type.asMap.value).type,
          accountDefault,
        ) as unknown as { toJSON(): { data: { flags: string } } };
        expect(info.toJSON().data.flags).toBe("0x80000000000000000000000000000000");
        const eventsType = registry.lookup.getTypeDef(decorated.query.system!.events!.meta.type.asPlain);
        expect(eventsType.type).toMatch(/^Vec</);

        expect(decorated.consts.balances!.existentialDeposit!.toString()).toBe("333333333");
        const v = decorated.consts.system!.version!.toJSON() as Record<string, unknown>;
        expect(v.specName).toBe("canary");
        expect(v.specVersion).toBe(1_002_000);
        expect(v.transactionVersion).toBe(26);

        const transfer = registry.createType(
          "Event",
          new Uint8Array([4, 2, ...new Uint8Array(80)]),
        ) as unknown as {
          section: string;
          method: string;
          meta: { fields: Array<{ name: { toString(): string } }> };
        };
        expect([transfer.section, transfer.method]).toEqual(["balances", "Transfer"]);
        expect(transfer.meta.fields.map((f) => f.name.toString())).toEqual(["from", "to", "amount"]);
        const err = registry.findMetaError(new Uint8Array([4, 2]));
        expect(err.method).toBe("InsufficientBalance");
        expect(decorated.errors.system!.CallFiltered!.meta.index.toNumber()).toBe(5);
      });

      it("decodes System.Events with the EventRecord type", () => {
        const record = new Uint8Array([
          4, // compact(1): one record
          0,
          ...u32.enc(1), // ApplyExtrinsic(1)
          4,
          2,
          ...AccountId32.enc(ALICE),
          ...AccountId32.enc(ALICE),
          ...new Uint8Array(16), // amount 0
          0, // no topics
        ]);
        const eventsId = expandMetadata(registry, metadata).query.system!.events!.meta.type.asPlain;
        const events = registry.createType(registry.createLookupType(eventsId), record);
        const json = events.toJSON() as Array<{ phase: unknown; event: { index: string } }>;
        expect(json[0]!.phase).toEqual({ applyExtrinsic: 1 });
        expect(json[0]!.event.index).toBe("0x0402");
      });

      it("knows the signed extensions and builds a signed extrinsic", () => {
        expect(registry.signedExtensions).toEqual(CANARY_SIGNED_EXTENSIONS.map((e) => e.identifier));
        const call = registry.createType("Call", {
          callIndex: [4, 3],
          args: { dest: { Id: ALICE }, value: 5n },
        });
        const xt = registry.createType("Extrinsic", { method: call.toHex() });
        expect(xt.version).toBe(4);
        const genesis = `0x${"11".repeat(32)}`;
        xt.addSignature(ALICE, new Uint8Array([1, ...new Uint8Array(64).fill(7)]), {
          method: call.toHex(),
          era: "0x00",
          nonce: 7,
          tip: 0,
          specVersion: 1_002_000,
          transactionVersion: 26,
          genesisHash: genesis,
          blockHash: genesis,
          mode: 0,
          metadataHash: undefined,
        });
        expect(xt.isSigned).toBe(true);
        const again = registry.createType("Extrinsic", xt.toU8a());
        expect(again.nonce.toNumber()).toBe(7);
        expect(again.method.method).toBe("transferKeepAlive");
        expect(toHex(again.toU8a())).toBe(toHex(xt.toU8a()));
      });

      it("finds the types it needs by path", () => {
        const paths = registry.lookup.types.map((t) => t.type.path.map((p) => p.toString()).join("::"));
        for (const p of [
          "sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic",
          "frame_system::EventRecord",
          "frame_system::AccountInfo",
          "sp_runtime::multiaddress::MultiAddress",
          "sp_core::crypto::AccountId32",
          "sp_runtime::MultiSignature",
        ])
          expect(paths).toContain(p);
      });
    });
  }
});

describe("supported versions", () => {
  it("are V14 and V15", () => {
    expect(metadataVersions()).toEqual([14, 15]);
  });
});

describe("signed extension types", () => {
  it("match primitives' extension codecs in v15", () => {
    const m = bindingsMetadata.dec(bytes[15]).metadata;
    if (m.tag !== "v15") throw new Error("not v15");
    const lookup = m.value.lookup;
    const ext = m.value.extrinsic.signedExtensions;
    expect(ext.map((e) => e.identifier)).toEqual(CANARY_SIGNED_EXTENSIONS.map((e) => e.identifier));
    const mortality = ext.find((e) => e.identifier === "CheckMortality")!;
    expect(lookup[mortality.type]!.path).toEqual([
      "frame_system",
      "extensions",
      "check_mortality",
      "CheckMortality",
    ]);
    expect(lookup[mortality.additionalSigned]!.path).toEqual(["primitive_types", "H256"]);
    const weight = ext.find((e) => e.identifier === "CheckWeight")!;
    expect(lookup[weight.additionalSigned]!.def).toEqual({ tag: "tuple", value: [] });
    expect(u8.enc(1)).toEqual(new Uint8Array([1]));
  });
});

describe("polkadot-api's metadata builders read the metadata", () => {
  for (const version of [14, 15] as const) {
    it(`v${version}: constants, calls, storage, events, errors, runtime calls`, () => {
      const decoded = bindingsMetadata.dec(bytes[version]).metadata.value as V14 | V15;
      const b = getDynamicBuilder(decoded);
      const v = b.buildConstant("System", "Version").dec(versionValue);
      expect(v.spec_name).toBe("canary");
      expect(v.spec_version).toBe(1_002_000);
      expect(v.transaction_version).toBe(26);
      expect(b.buildCall("Balances", "transfer_keep_alive").location).toEqual([4, 3]);
      expect(b.buildCall("Utility", "batch").location).toEqual([24, 0]);
      expect(b.buildEvent("Balances", "Transfer").location).toEqual([4, 2]);
      expect(b.buildError("Balances", "InsufficientBalance").location).toEqual([4, 2]);
      const account = b.buildStorage("System", "Account");
      expect(account.fallback).toMatchObject({ nonce: 0, data: { flags: 1n << 127n } });
      expect(b.buildStorage("System", "Number").enc()).toBe(
        "0x26aa394eea5630e07c48ae0c9558cef702a5c1b19ab7a04f536c519aca4983ac",
      );
      if (version === 15)
        expect(b.buildRuntimeCall("AccountNonceApi", "account_nonce").value.dec("0x07000000")).toBe(7);
      // Checksums walk every type, the recursive call included.
      const checksums = getChecksumBuilder(decoded);
      expect(checksums.buildCall("Utility", "batch")).toMatch(/^[0-9a-z]+$/);
      for (const t of decoded.lookup) expect(checksums.buildDefinition(t.id)).toBeTypeOf("string");
    });
  }
});
