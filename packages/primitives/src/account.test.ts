import { TypeRegistry } from "@polkadot/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEV_ACCOUNT_IDS } from "../../../test/support/devAccounts.ts";
import { AccountId32, MultiAddress, MultiSignature } from "./account.ts";
import { EncodeError } from "./errors.ts";
import { fromHex, toHex } from "./hex.ts";
import { arbMultiAddress, arbMultiSignature } from "./test/arbitraries.ts";
import { kindOf } from "./test/kindOf.ts";

const registry = new TypeRegistry();
const alice = fromHex(DEV_ACCOUNT_IDS.Alice.publicKey);

const arbAddress = arbMultiAddress(80);

/** The same value as @polkadot/types takes it: `{ Variant: hex-or-number }`. */
function pjs(v: MultiAddress | MultiSignature): Record<string, unknown> {
  return { [v.tag]: typeof v.value === "number" ? v.value : toHex(v.value) };
}

describe("AccountId32", () => {
  it("is 32 raw bytes with Substrate's type path", () => {
    expect(toHex(AccountId32.enc(alice))).toBe(toHex(alice));
    expect(AccountId32.desc.path).toEqual(["sp_core", "crypto", "AccountId32"]);
    expect(toHex(registry.createType("AccountId32", alice).toU8a())).toBe(toHex(alice));
  });

  it("rejects other lengths", () => {
    expect(() => AccountId32.enc(new Uint8Array(31))).toThrow(EncodeError);
    expect(kindOf(() => AccountId32.dec(new Uint8Array(31)))).toBe("truncated");
    expect(kindOf(() => AccountId32.dec(new Uint8Array(33)))).toBe("trailing-bytes");
  });
});

describe("MultiAddress", () => {
  it("matches @polkadot/types for every variant", () => {
    expect(toHex(MultiAddress.enc({ tag: "Id", value: alice }))).toBe(`0x00${toHex(alice).slice(2)}`);
    expect(toHex(MultiAddress.enc({ tag: "Index", value: 5 }))).toBe("0x0114");
    fc.assert(
      fc.property(arbAddress, (v) => {
        const bytes = MultiAddress.enc(v);
        expect(toHex(bytes)).toBe(registry.createType("MultiAddress", pjs(v)).toHex());
        expect(MultiAddress.dec(bytes)).toEqual(v);
      }),
      { numRuns: 300 },
    );
  });

  it("decodes what @polkadot/types encodes", () => {
    const bytes = registry.createType("MultiAddress", { Address20: `0x${"11".repeat(20)}` }).toU8a();
    expect(MultiAddress.dec(bytes)).toEqual({ tag: "Address20", value: new Uint8Array(20).fill(0x11) });
  });

  it("rejects wrong payload lengths, unknown variants and trailing bytes", () => {
    expect(() => MultiAddress.enc({ tag: "Id", value: new Uint8Array(31) })).toThrow(EncodeError);
    expect(() => MultiAddress.enc({ tag: "Address20", value: new Uint8Array(32) })).toThrow(EncodeError);
    expect(kindOf(() => MultiAddress.dec(Uint8Array.of(0, ...new Uint8Array(31))))).toBe("truncated");
    expect(kindOf(() => MultiAddress.dec(Uint8Array.of(4, ...new Uint8Array(19))))).toBe("truncated");
    expect(kindOf(() => MultiAddress.dec(Uint8Array.of(0, ...new Uint8Array(33))))).toBe("trailing-bytes");
    expect(kindOf(() => MultiAddress.dec(Uint8Array.of(5, ...alice)))).toBe("unknown-variant");
    expect(kindOf(() => MultiAddress.dec(fromHex("0x02feffffff00")))).toBe("too-large");
    expect(kindOf(() => MultiAddress.dec(fromHex("0x010100")))).toBe("non-canonical");
    expect(kindOf(() => MultiAddress.dec(fromHex("0x01070000000001")))).toBe("too-large");
  });
});

describe("MultiSignature", () => {
  it("matches @polkadot/types for every variant", () => {
    fc.assert(
      fc.property(arbMultiSignature, (v) => {
        const bytes = MultiSignature.enc(v);
        expect(bytes.length).toBe(1 + v.value.length);
        expect(toHex(bytes)).toBe(registry.createType("MultiSignature", pjs(v)).toHex());
        expect(MultiSignature.dec(bytes)).toEqual(v);
      }),
      { numRuns: 200 },
    );
  });

  it("rejects wrong lengths and unknown variants", () => {
    expect(() => MultiSignature.enc({ tag: "Sr25519", value: new Uint8Array(65) })).toThrow(EncodeError);
    expect(() => MultiSignature.enc({ tag: "Ecdsa", value: new Uint8Array(64) })).toThrow(EncodeError);
    expect(kindOf(() => MultiSignature.dec(Uint8Array.of(1, ...new Uint8Array(63))))).toBe("truncated");
    expect(kindOf(() => MultiSignature.dec(Uint8Array.of(2, ...new Uint8Array(64))))).toBe("truncated");
    expect(kindOf(() => MultiSignature.dec(Uint8Array.of(0, ...new Uint8Array(65))))).toBe("trailing-bytes");
    expect(kindOf(() => MultiSignature.dec(Uint8Array.of(3, ...new Uint8Array(64))))).toBe("unknown-variant");
    expect(kindOf(() => MultiSignature.dec(new Uint8Array()))).toBe("truncated");
  });
});
