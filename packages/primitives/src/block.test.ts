import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Block, OpaqueExtrinsic } from "./block.ts";
import { EncodeError } from "./errors.ts";
import { Header } from "./header.ts";
import { concatBytes, toHex } from "./hex.ts";
import { Bytes } from "./scale/bytes.ts";
import { kindOf } from "./test/kindOf.ts";

const header: Header = {
  parentHash: new Uint8Array(32).fill(1),
  number: 42,
  stateRoot: new Uint8Array(32).fill(2),
  extrinsicsRoot: new Uint8Array(32).fill(3),
  digest: [],
};

/** An opaque extrinsic as Block holds it: the body with its compact length prefix. */
const prefixed = (body: Uint8Array) => Bytes.enc(body);

describe("OpaqueExtrinsic", () => {
  it("keeps the length prefix in the value, so bytes pass through unchanged", () => {
    const xt = prefixed(Uint8Array.of(4, 0, 0, 1));
    expect(toHex(xt)).toBe("0x1004000001");
    expect(toHex(OpaqueExtrinsic.enc(xt))).toBe("0x1004000001");
    expect(toHex(OpaqueExtrinsic.dec(xt))).toBe("0x1004000001");
  });

  it("refuses to encode bytes that are not compact(len) ++ len bytes", () => {
    for (const bad of [
      Uint8Array.of(),
      Uint8Array.of(0x08, 1),
      Uint8Array.of(0x04, 1, 2),
      Uint8Array.of(0x05, 0),
    ])
      expect(() => OpaqueExtrinsic.enc(bad)).toThrow(EncodeError);
  });
});

describe("Block", () => {
  it("is header ++ compact(count) ++ each extrinsic with its own prefix", () => {
    const a = prefixed(Uint8Array.of(4, 0, 0));
    const b = prefixed(new Uint8Array(100).fill(7));
    const block: Block = { header, extrinsics: [a, b] };
    const bytes = Block.enc(block);
    expect(toHex(bytes)).toBe(toHex(concatBytes(Header.enc(header), Uint8Array.of(0x08), a, b)));
    expect(Block.dec(bytes)).toEqual(block);
  });

  it("round-trips random blocks", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 6 }), (bodies) => {
        const block: Block = { header, extrinsics: bodies.map(prefixed) };
        expect(Block.dec(Block.enc(block))).toEqual(block);
      }),
      { numRuns: 100 },
    );
  });

  it("rejects bad input with the right DecodeError kind", () => {
    const bytes = Block.enc({ header, extrinsics: [prefixed(Uint8Array.of(4, 0, 0))] });
    const headerLen = Header.enc(header).length;
    const countEnd = headerLen + 1;
    for (let n = 0; n < bytes.length; n++) {
      // The count (1) needs one byte left; past the xt's prefix the body is read with take().
      const expected = n === countEnd ? "too-large" : "truncated";
      expect(kindOf(() => Block.dec(bytes.subarray(0, n)))).toBe(expected);
    }
    expect(kindOf(() => Block.dec(concatBytes(bytes, Uint8Array.of(0))))).toBe("trailing-bytes");
    // An extrinsic whose prefix claims more than is there.
    const short = concatBytes(Header.enc(header), Uint8Array.of(0x04, 0x10, 4, 0));
    expect(kindOf(() => Block.dec(short))).toBe("truncated");
    // A non-canonical extrinsic length prefix.
    const nonCanonical = concatBytes(Header.enc(header), Uint8Array.of(0x04, 0x0d, 0x00, 4, 0, 0));
    expect(kindOf(() => Block.dec(nonCanonical))).toBe("non-canonical");
  });
});
