import { TypeRegistry } from "@polkadot/types";
import type { Header as PjsHeader } from "@polkadot/types/interfaces";
import { blockHeader } from "@polkadot-api/substrate-bindings";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BABE_ENGINE_ID, type DigestItem, GRANDPA_ENGINE_ID, preRuntimeItem, sealItem } from "./digest.ts";
import { EncodeError } from "./errors.ts";
import { blake2_256 } from "./hashing.ts";
import { blockHash, Header, headerWithoutSeal } from "./header.ts";
import { concatBytes, fromHex, toHex } from "./hex.ts";
import { arbBytes } from "./test/arbitraries.ts";
import { kindOf } from "./test/kindOf.ts";

const registry = new TypeRegistry();
const hash32 = arbBytes(32);
// ASCII engine ids: substrate-bindings turns engine ids into strings with a UTF-8 decoder.
const engine = fc
  .array(fc.integer({ min: 0x41, max: 0x5a }), { minLength: 4, maxLength: 4 })
  .map((a) => Uint8Array.from(a));

const arbItem: fc.Arbitrary<DigestItem> = fc.oneof(
  ...(["PreRuntime", "Consensus", "Seal"] as const).map((tag) =>
    fc
      .record({ engine, data: fc.uint8Array({ maxLength: 80 }) })
      .map((value): DigestItem => ({ tag, value })),
  ),
  fc.uint8Array({ maxLength: 80 }).map((value): DigestItem => ({ tag: "Other", value })),
  fc.constant<DigestItem>({ tag: "RuntimeEnvironmentUpdated" }),
);

const arbHeader: fc.Arbitrary<Header> = fc.record({
  parentHash: hash32,
  number: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 2 ** 32 - 1 })),
  stateRoot: hash32,
  extrinsicsRoot: hash32,
  digest: fc.array(arbItem, { maxLength: 4 }),
});

const papiTag = { PreRuntime: "preRuntime", Consensus: "consensus", Seal: "seal" } as const;
const ascii = (b: Uint8Array) => String.fromCharCode(...b);

/** The same header as substrate-bindings' `blockHeader` codec takes it. */
function papi(h: Header) {
  return {
    parentHash: toHex(h.parentHash),
    number: h.number,
    stateRoot: toHex(h.stateRoot),
    extrinsicRoot: toHex(h.extrinsicsRoot),
    digests: h.digest.map((d) => {
      if (d.tag === "Other") return { type: "other" as const, value: d.value };
      if (d.tag === "RuntimeEnvironmentUpdated") return { type: "runtimeUpdated" as const, value: undefined };
      return { type: papiTag[d.tag], value: { engine: ascii(d.value.engine), payload: toHex(d.value.data) } };
    }),
  };
}

/** The same header as @polkadot/types takes it. */
function pjs(h: Header) {
  return {
    parentHash: toHex(h.parentHash),
    number: h.number,
    stateRoot: toHex(h.stateRoot),
    extrinsicsRoot: toHex(h.extrinsicsRoot),
    digest: {
      logs: h.digest.map((d) => {
        if (d.tag === "RuntimeEnvironmentUpdated") return { RuntimeEnvironmentUpdated: null };
        if (d.tag === "Other") return { Other: toHex(d.value) };
        return { [d.tag]: [toHex(d.value.engine), toHex(d.value.data)] };
      }),
    },
  };
}

const genesisLike: Header = {
  parentHash: new Uint8Array(32),
  number: 0,
  stateRoot: fromHex("0x29d0d972cd27cbc511e9589fcb7a4506d5eb6a9e8df205f00472e5ab354a4e17"),
  extrinsicsRoot: fromHex("0x03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314"),
  digest: [],
};

describe("Header", () => {
  it("lays out parent ++ compact number ++ state root ++ extrinsics root ++ digest", () => {
    const h: Header = {
      ...genesisLike,
      number: 1,
      digest: [preRuntimeItem(BABE_ENGINE_ID, Uint8Array.of(7))],
    };
    const bytes = Header.enc(h);
    expect(toHex(bytes)).toBe(
      toHex(
        concatBytes(
          h.parentHash,
          Uint8Array.of(0x04),
          h.stateRoot,
          h.extrinsicsRoot,
          fromHex("0x04"), // one item
          fromHex("0x06424142450407"),
        ),
      ),
    );
    expect(Header.dec(bytes)).toEqual(h);
    expect(toHex(blockHash(h))).toBe(toHex(blake2_256(bytes)));
  });

  it("matches substrate-bindings blockHeader on random headers, both ways", () => {
    fc.assert(
      fc.property(arbHeader, (h) => {
        const bytes = Header.enc(h);
        expect(toHex(blockHeader.enc(papi(h) as Parameters<typeof blockHeader.enc>[0]))).toBe(toHex(bytes));
        const back = blockHeader.dec(bytes);
        expect(back.number).toBe(h.number);
        expect(back.digests.length).toBe(h.digest.length);
        expect(toHex(blockHeader.enc(back))).toBe(toHex(bytes));
      }),
      { numRuns: 200 },
    );
  });

  it("matches @polkadot/types Header encoding and hash on random headers", () => {
    fc.assert(
      fc.property(arbHeader, (h) => {
        const bytes = Header.enc(h);
        const theirs = registry.createType("Header", pjs(h));
        expect(theirs.toHex()).toBe(toHex(bytes));
        expect(theirs.hash.toHex()).toBe(toHex(blockHash(h)));
        expect(registry.createType<PjsHeader>("Header", bytes).number.toNumber()).toBe(h.number);
        expect(Header.dec(bytes)).toEqual(h);
      }),
      { numRuns: 200 },
    );
  });

  it("rejects numbers that are not u32 when encoding", () => {
    expect(() => Header.enc({ ...genesisLike, number: 2 ** 32 })).toThrow(EncodeError);
    expect(() => Header.enc({ ...genesisLike, number: -1 })).toThrow(EncodeError);
    expect(() => Header.enc({ ...genesisLike, parentHash: new Uint8Array(31) })).toThrow(EncodeError);
  });

  it("rejects bad input with the right DecodeError kind", () => {
    const h: Header = {
      ...genesisLike,
      number: 70_000,
      digest: [sealItem(BABE_ENGINE_ID, new Uint8Array(64))],
    };
    const bytes = Header.enc(h);
    // Length checks come before reads: a cut right after the digest count (1 item, no bytes) or
    // inside the seal's 64 data bytes is "too-large"; every other cut is "truncated".
    const countEnd = 32 + 4 + 64 + 1;
    const dataStart = bytes.length - 64;
    for (let n = 0; n < bytes.length; n++) {
      const expected = n === countEnd || n >= dataStart ? "too-large" : "truncated";
      expect(kindOf(() => Header.dec(bytes.subarray(0, n)))).toBe(expected);
    }
    expect(kindOf(() => Header.dec(concatBytes(bytes, Uint8Array.of(0))))).toBe("trailing-bytes");
    // Unknown digest item index.
    const unknown = Header.enc({ ...genesisLike, digest: [{ tag: "RuntimeEnvironmentUpdated" }] });
    unknown[unknown.length - 1] = 7;
    expect(kindOf(() => Header.dec(unknown))).toBe("unknown-variant");
    // Number 1 in the two-byte compact form.
    const nonCanonical = concatBytes(
      new Uint8Array(32),
      Uint8Array.of(0x05, 0x00),
      new Uint8Array(64),
      Uint8Array.of(0),
    );
    expect(kindOf(() => Header.dec(nonCanonical))).toBe("non-canonical");
    // A number wider than u32.
    const wide = concatBytes(
      new Uint8Array(32),
      Uint8Array.of(0x07, 0, 0, 0, 0, 1),
      new Uint8Array(64),
      Uint8Array.of(0),
    );
    expect(kindOf(() => Header.dec(wide))).toBe("too-large");
  });
});

describe("headerWithoutSeal", () => {
  it("pops the final Seal; the seal signs the hash of what remains", () => {
    const pre = preRuntimeItem(BABE_ENGINE_ID, Uint8Array.of(1, 2, 3));
    const seal = sealItem(BABE_ENGINE_ID, new Uint8Array(64).fill(9));
    const sealed: Header = { ...genesisLike, number: 5, digest: [pre, seal] };
    const split = headerWithoutSeal(sealed);
    expect(split?.seal).toEqual({ engine: BABE_ENGINE_ID, data: new Uint8Array(64).fill(9) });
    expect(split?.header.digest).toEqual([pre]);
    expect(sealed.digest).toHaveLength(2); // input untouched
    expect(toHex(blockHash(split!.header))).toBe(
      toHex(blockHash({ ...genesisLike, number: 5, digest: [pre] })),
    );
    expect(toHex(blockHash(split!.header))).not.toBe(toHex(blockHash(sealed)));
  });

  it("returns undefined when the last item is not a Seal", () => {
    expect(headerWithoutSeal(genesisLike)).toBeUndefined();
    const seal = sealItem(GRANDPA_ENGINE_ID, new Uint8Array(0));
    expect(
      headerWithoutSeal({
        ...genesisLike,
        digest: [seal, preRuntimeItem(BABE_ENGINE_ID, new Uint8Array(0))],
      }),
    ).toBeUndefined();
  });
});
