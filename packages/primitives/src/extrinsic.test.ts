import { type GenericExtrinsicSignatureV4, Metadata, TypeRegistry } from "@polkadot/types";
import kusamaV15 from "@polkadot/types-support/metadata/v15/kusama-hex";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { DEV_ACCOUNT_IDS } from "../../../test/support/devAccounts.ts";
import { MultiAddress, MultiSignature } from "./account.ts";
import { Era, mortalEra } from "./era.ts";
import { EncodeError } from "./errors.ts";
import {
  decodeExtrinsic,
  type Extrinsic,
  encodeExtrinsic,
  extrinsicCodec,
  extrinsicHash,
  payloadToSign,
  signingPayload,
} from "./extrinsic.ts";
import { blake2_256 } from "./hashing.ts";
import { concatBytes, fromHex, toHex } from "./hex.ts";
import { Bytes } from "./scale/bytes.ts";
import { compactU32 } from "./scale/compact.ts";
import {
  type CanaryAdditional,
  type CanaryExtra,
  canaryExtensions,
  extensionSet,
} from "./signedExtensions.ts";
import { arbBytes, arbMultiAddress, arbMultiSignature } from "./test/arbitraries.ts";
import { kindOf } from "./test/kindOf.ts";

const alice = fromHex(DEV_ACCOUNT_IDS.Alice.publicKey);
/** Kusama `System.remark(data)`: pallet 0, call 0. */
const remark = (data: Uint8Array) => concatBytes(Uint8Array.of(0, 0), Bytes.enc(data));
/** Re-frames a body with a given length prefix. */
const framed = (len: number, body: Uint8Array) => concatBytes(compactU32.enc(len), body);

const extra: CanaryExtra = { era: mortalEra(64, 1), nonce: 0, tip: 0n, metadataHashMode: 0 };
const signedXt = (): Extrinsic => ({
  signed: {
    address: { tag: "Id", value: alice },
    signature: { tag: "Sr25519", value: new Uint8Array(64).fill(0xab) },
    extra,
  },
  call: remark(Uint8Array.of(1, 2, 3)),
  palletIndex: 0,
  callIndex: 0,
});

const arbAddress = arbMultiAddress(40);
const arbEra: fc.Arbitrary<Era> = fc.oneof(
  fc.constant<Era>({ tag: "Immortal" }),
  fc.tuple(fc.nat(70_000), fc.nat(2 ** 32 - 1)).map(([p, n]) => mortalEra(p, n)),
);
const arbExtra: fc.Arbitrary<CanaryExtra> = fc.record({
  era: arbEra,
  nonce: fc.oneof(fc.nat(100), fc.nat(2 ** 32 - 1)),
  tip: fc.oneof(fc.constant(0n), fc.bigInt(0n, 2n ** 128n - 1n)),
  metadataHashMode: fc.constantFrom(0 as const, 1 as const),
});
const arbXt: fc.Arbitrary<Extrinsic> = fc
  .record({
    signed: fc.option(fc.record({ address: arbAddress, signature: arbMultiSignature, extra: arbExtra }), {
      nil: undefined,
    }),
    data: fc.uint8Array({ maxLength: 300 }),
  })
  .map(({ signed, data }) => {
    const call = remark(data);
    const xt: Extrinsic = { call, palletIndex: 0, callIndex: 0 };
    if (signed) xt.signed = signed;
    return xt;
  });

type PjsSignatureV4 = GenericExtrinsicSignatureV4 & { mode: { toNumber(): number } };

let registry: TypeRegistry;
beforeAll(() => {
  registry = new TypeRegistry();
  // The stored hex is Option<OpaqueMetadata>: 0x01, a 4-byte compact length, then the metadata.
  registry.setMetadata(new Metadata(registry, `0x${kusamaV15.slice(12)}`));
});

describe("Extrinsic v4 layout", () => {
  it("unsigned is compact(len) ++ 0x04 ++ call", () => {
    const call = remark(Uint8Array.of(9));
    const bytes = encodeExtrinsic({ call });
    expect(toHex(bytes)).toBe("0x1404000004" + "09");
    expect(decodeExtrinsic(bytes)).toEqual({ call, palletIndex: 0, callIndex: 0 });
  });

  it("signed is compact(len) ++ 0x84 ++ address ++ signature ++ extra ++ call", () => {
    const xt = signedXt();
    const bytes = encodeExtrinsic(xt);
    const body = concatBytes(
      Uint8Array.of(0x84, 0x00),
      alice,
      Uint8Array.of(0x01),
      new Uint8Array(64).fill(0xab),
      fromHex("0x1500000000"),
      xt.call,
    );
    expect(toHex(bytes)).toBe(toHex(framed(body.length, body)));
    expect(decodeExtrinsic(bytes)).toEqual(xt);
  });

  it("round-trips random extrinsics", () => {
    fc.assert(
      fc.property(arbXt, (xt) => {
        expect(decodeExtrinsic(encodeExtrinsic(xt))).toEqual(xt);
      }),
      { numRuns: 300 },
    );
  });

  it("matches @polkadot/types (Kusama metadata) on random extrinsics", () => {
    fc.assert(
      fc.property(arbXt, (xt) => {
        const bytes = encodeExtrinsic(xt);
        const theirs = registry.createType("Extrinsic", bytes);
        expect(theirs.toHex()).toBe(toHex(bytes));
        expect(toHex(theirs.method.toU8a())).toBe(toHex(xt.call));
        expect(theirs.isSigned).toBe(xt.signed !== undefined);
        if (!xt.signed) return;
        const sig = theirs.inner.signature as unknown as PjsSignatureV4;
        expect(toHex(sig.signer.toU8a())).toBe(toHex(MultiAddress.enc(xt.signed.address)));
        expect(toHex(sig.multiSignature.toU8a())).toBe(toHex(MultiSignature.enc(xt.signed.signature)));
        expect(sig.era.toHex()).toBe(toHex(Era.enc(xt.signed.extra.era)));
        expect(sig.nonce.toNumber()).toBe(xt.signed.extra.nonce);
        expect(sig.tip.toBigInt()).toBe(xt.signed.extra.tip);
        expect(sig.mode.toNumber()).toBe(xt.signed.extra.metadataHashMode);
      }),
      { numRuns: 150 },
    );
  });

  it("is generic over the extension list", () => {
    const codec = extrinsicCodec(
      extensionSet<{ nonce: number }, unknown>([
        {
          identifier: "CheckNonce",
          extra: compactU32,
          extraKey: "nonce",
          additionalSigned: compactU32,
          additionalKey: "n",
        },
      ]).extra,
    );
    const xt = {
      signed: { ...signedXt().signed!, extra: { nonce: 300 } },
      call: Uint8Array.of(7, 8),
      palletIndex: 7,
      callIndex: 8,
    };
    const bytes = encodeExtrinsic(xt, codec);
    expect(toHex(bytes.subarray(-4))).toBe("0xb1040708"); // compact(300) ++ call
    expect(decodeExtrinsic(bytes, codec)).toEqual(xt);
  });

  it("refuses to encode a call without indices or with indices that disagree", () => {
    expect(() => encodeExtrinsic({ call: Uint8Array.of(1) })).toThrow(EncodeError);
    expect(() => encodeExtrinsic({ call: Uint8Array.of(1, 2), palletIndex: 2 })).toThrow(EncodeError);
    expect(() => encodeExtrinsic({ call: Uint8Array.of(1, 2), callIndex: 1 })).toThrow(EncodeError);
    const bad = signedXt();
    bad.signed!.extra = { ...extra, metadataHashMode: 2 as 0 };
    expect(() => encodeExtrinsic(bad)).toThrow(EncodeError);
  });

  it("extrinsicHash is blake2_256 of the bytes including the length prefix", () => {
    const bytes = encodeExtrinsic(signedXt());
    expect(toHex(extrinsicHash(bytes))).toBe(toHex(blake2_256(bytes)));
    expect(toHex(extrinsicHash(bytes))).toBe(registry.createType("Extrinsic", bytes).hash.toHex());
  });
});

describe("Extrinsic bad input", () => {
  const bytes = encodeExtrinsic(signedXt());
  const body = bytes.subarray(2); // 2-byte prefix
  // version, address (1+32), signature (1+64), extra (2+1+1+1)
  const headerLen = 1 + 33 + 65 + 5;

  it("every truncation is truncated", () => {
    for (let n = 0; n < bytes.length; n++)
      expect(kindOf(() => decodeExtrinsic(bytes.subarray(0, n)))).toBe("truncated");
  });

  it("trailing bytes after the declared length are trailing-bytes", () => {
    expect(kindOf(() => decodeExtrinsic(concatBytes(bytes, Uint8Array.of(0))))).toBe("trailing-bytes");
  });

  it("a length prefix that disagrees with the content is caught", () => {
    // Longer than the content: truncated.
    expect(kindOf(() => decodeExtrinsic(framed(body.length + 1, body)))).toBe("truncated");
    // Shorter: the body ends early (inside the signed part: truncated) or bytes are left over.
    for (let len = 0; len < body.length; len++) {
      const expected = len < headerLen + 2 ? "truncated" : "trailing-bytes";
      expect(kindOf(() => decodeExtrinsic(framed(len, body)))).toBe(expected);
    }
    // Non-canonical prefix: 3 in the two-byte form.
    expect(kindOf(() => decodeExtrinsic(Uint8Array.of(0x0d, 0x00, 0x04, 0, 0)))).toBe("non-canonical");
  });

  it("rejects every version byte other than 0x04 and 0x84", () => {
    for (let v = 0; v < 256; v++) {
      if (v === 0x04 || v === 0x84) continue;
      expect(kindOf(() => decodeExtrinsic(Uint8Array.of(0x0c, v, 0, 0)))).toBe("unknown-variant");
    }
  });

  it("rejects a call shorter than two bytes", () => {
    expect(kindOf(() => decodeExtrinsic(Uint8Array.of(0x00)))).toBe("truncated");
    expect(kindOf(() => decodeExtrinsic(Uint8Array.of(0x04, 0x04)))).toBe("truncated");
    expect(kindOf(() => decodeExtrinsic(Uint8Array.of(0x08, 0x04, 0x00)))).toBe("truncated");
    const signedNoCall = body.subarray(0, headerLen + 1);
    expect(kindOf(() => decodeExtrinsic(framed(signedNoCall.length, signedNoCall)))).toBe("truncated");
  });

  const at = (offset: number, value: number) => {
    const copy = body.slice();
    copy[offset] = value;
    return framed(copy.length, copy);
  };

  it("rejects unknown MultiAddress and MultiSignature variants", () => {
    for (const v of [5, 6, 0xff]) expect(kindOf(() => decodeExtrinsic(at(1, v)))).toBe("unknown-variant");
    for (const v of [3, 4, 0xff]) expect(kindOf(() => decodeExtrinsic(at(34, v)))).toBe("unknown-variant");
  });

  it("rejects a bad era and a bad metadata-hash mode", () => {
    expect(kindOf(() => decodeExtrinsic(at(99, 0x10)))).toBe("invalid-value"); // period 2
    const badPhase = at(99, 0x41); // period 4, phase 4
    expect(kindOf(() => decodeExtrinsic(badPhase))).toBe("invalid-value");
    for (const mode of [2, 3, 0xff])
      expect(kindOf(() => decodeExtrinsic(at(103, mode)))).toBe("unknown-variant");
  });

  it("rejects a nonce wider than u32 and a non-canonical tip", () => {
    // Nonce 2^32 in the big-integer form replaces the one-byte nonce.
    const head = body.subarray(0, 101);
    const tail = body.subarray(102);
    const wide = concatBytes(head, Uint8Array.of(0x07, 0, 0, 0, 0, 1), tail);
    expect(kindOf(() => decodeExtrinsic(framed(wide.length, wide)))).toBe("too-large");
    const tipNonCanonical = concatBytes(body.subarray(0, 102), Uint8Array.of(0x01, 0x00), body.subarray(103));
    expect(kindOf(() => decodeExtrinsic(framed(tipNonCanonical.length, tipNonCanonical)))).toBe(
      "non-canonical",
    );
  });
});

describe("signing payload", () => {
  const additional: CanaryAdditional = {
    specVersion: 0x000f656a,
    txVersion: 26,
    genesisHash: new Uint8Array(32).fill(0x33),
    birthHash: new Uint8Array(32).fill(0x22),
    metadataHash: undefined,
  };

  it("is call ++ extra ++ additional signed", () => {
    const call = remark(Uint8Array.of(1));
    const payload = signingPayload({ call, extra, additional });
    expect(toHex(payload)).toBe(
      toHex(
        concatBytes(
          call,
          fromHex("0x1500000000"),
          fromHex("0x6a650f001a000000"),
          additional.genesisHash,
          additional.birthHash,
          Uint8Array.of(0),
        ),
      ),
    );
    expect(toHex(signingPayload({ call, extra, additional }, canaryExtensions))).toBe(toHex(payload));
  });

  it("matches @polkadot/types ExtrinsicPayload for random values", () => {
    const arbAdditional = fc.record({
      specVersion: fc.nat(2 ** 32 - 1),
      txVersion: fc.nat(2 ** 32 - 1),
      genesisHash: arbBytes(32),
      birthHash: arbBytes(32),
      metadataHash: fc.option(arbBytes(32), { nil: undefined }),
    });
    fc.assert(
      fc.property(arbExtra, arbAdditional, fc.uint8Array({ maxLength: 300 }), (x, a, data) => {
        const call = remark(data);
        const theirs = registry.createType("ExtrinsicPayload", {
          method: toHex(call),
          era: toHex(Era.enc(x.era)),
          nonce: x.nonce,
          tip: x.tip,
          mode: x.metadataHashMode,
          metadataHash: a.metadataHash && toHex(a.metadataHash),
          blockHash: toHex(a.birthHash),
          genesisHash: toHex(a.genesisHash),
          specVersion: a.specVersion,
          transactionVersion: a.txVersion,
          version: 4,
        });
        expect(toHex(signingPayload({ call, extra: x, additional: a }))).toBe(
          toHex(theirs.toU8a({ method: true })),
        );
      }),
      { numRuns: 150 },
    );
  });

  it("payloadToSign hashes payloads longer than 256 bytes only", () => {
    for (const n of [0, 1, 255, 256]) {
      const p = new Uint8Array(n).fill(5);
      expect(toHex(payloadToSign(p))).toBe(toHex(p));
    }
    for (const n of [257, 1000]) {
      const p = new Uint8Array(n).fill(5);
      expect(toHex(payloadToSign(p))).toBe(toHex(blake2_256(p)));
    }
  });
});
