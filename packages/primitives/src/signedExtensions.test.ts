import { describe, expect, it } from "vitest";
import { immortalEra, mortalEra } from "./era.ts";
import { EncodeError } from "./errors.ts";
import { fromHex, toHex } from "./hex.ts";
import { compactU32 } from "./scale/compact.ts";
import { unit } from "./scale/composite.ts";
import { u8 } from "./scale/ints.ts";
import {
  CANARY_SIGNED_EXTENSIONS,
  CanaryAdditional,
  CanaryExtra,
  extensionSet,
  MetadataHashMode,
} from "./signedExtensions.ts";
import { kindOf } from "./test/kindOf.ts";

describe("Canary's extension list", () => {
  it("has Kusama's identifiers in Kusama's order", () => {
    expect(CANARY_SIGNED_EXTENSIONS.map((e) => e.identifier)).toEqual([
      "CheckNonZeroSender",
      "CheckSpecVersion",
      "CheckTxVersion",
      "CheckGenesis",
      "CheckMortality",
      "CheckNonce",
      "CheckWeight",
      "ChargeTransactionPayment",
      "CheckMetadataHash",
    ]);
  });

  it("extra is era ++ compact nonce ++ compact tip ++ mode", () => {
    const extra = { era: mortalEra(64, 1), nonce: 70, tip: 10n ** 12n, metadataHashMode: 1 as const };
    const bytes = CanaryExtra.enc(extra);
    expect(toHex(bytes)).toBe("0x1500190107" + "0010a5d4e8" + "01");
    expect(CanaryExtra.dec(bytes)).toEqual(extra);
    expect(
      toHex(CanaryExtra.enc({ ...extra, era: immortalEra(), nonce: 0, tip: 0n, metadataHashMode: 0 })),
    ).toBe("0x00000000");
  });

  it("additional signed is spec ++ tx version ++ genesis ++ birth hash ++ Option<metadata hash>", () => {
    const a = {
      specVersion: 1,
      txVersion: 2,
      genesisHash: new Uint8Array(32).fill(3),
      birthHash: new Uint8Array(32).fill(4),
      metadataHash: new Uint8Array(32).fill(5),
    };
    const bytes = CanaryAdditional.enc(a);
    expect(toHex(bytes)).toBe(`0x0100000002000000${"03".repeat(32)}${"04".repeat(32)}01${"05".repeat(32)}`);
    expect(CanaryAdditional.dec(bytes)).toEqual(a);
    expect(CanaryAdditional.enc({ ...a, metadataHash: undefined }).length).toBe(8 + 64 + 1);
  });

  it("rejects a mode other than 0 or 1", () => {
    expect(kindOf(() => MetadataHashMode.dec(Uint8Array.of(2)))).toBe("unknown-variant");
    expect(kindOf(() => CanaryExtra.dec(fromHex("0x00000002")))).toBe("unknown-variant");
    expect(() => MetadataHashMode.enc(2 as 0)).toThrow(EncodeError);
  });

  it("rejects truncated and overlong extras", () => {
    const bytes = CanaryExtra.enc({ era: mortalEra(64, 1), nonce: 70, tip: 5n, metadataHashMode: 0 });
    for (let n = 0; n < bytes.length; n++)
      expect(kindOf(() => CanaryExtra.dec(bytes.subarray(0, n)))).toBe("truncated");
    expect(kindOf(() => CanaryExtra.dec(Uint8Array.of(...bytes, 0)))).toBe("trailing-bytes");
  });
});

describe("extensionSet", () => {
  it("skips () extensions and names the rest by key", () => {
    const set = extensionSet<{ a: number; b: number }, { c: number }>([
      { identifier: "A", extra: u8, extraKey: "a", additionalSigned: unit },
      { identifier: "Nothing", extra: unit, additionalSigned: unit },
      { identifier: "B", extra: compactU32, extraKey: "b", additionalSigned: u8, additionalKey: "c" },
    ]);
    expect(toHex(set.extra.enc({ a: 1, b: 64 }))).toBe("0x010101");
    expect(set.extra.dec(fromHex("0x010101"))).toEqual({ a: 1, b: 64 });
    expect(toHex(set.additionalSigned.enc({ c: 9 }))).toBe("0x09");
    expect(set.extra.desc).toEqual({ kind: "tuple", items: [u8.desc, unit.desc, compactU32.desc] });
  });

  it("refuses an extension that carries data but has no key", () => {
    expect(() => extensionSet([{ identifier: "A", extra: u8, additionalSigned: unit }])).toThrow(
      /needs a key/,
    );
    expect(() => extensionSet([{ identifier: "A", extra: unit, additionalSigned: u8 }])).toThrow(
      /needs a key/,
    );
  });
});
