import * as sb from "@polkadot-api/substrate-bindings";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EncodeError } from "../errors.ts";
import { fromHex, toHex } from "../hex.ts";
import { kindOf } from "../test/kindOf.ts";
import type { Codec } from "./codec.ts";
import { bool, i8, i16, i32, i64, i128, i256, u8, u16, u32, u64, u128, u256 } from "./ints.ts";

/** The DecodeError kind a call throws, "ok" if it returns, or a marker for any other error. */
const small: Array<[string, Codec<number>, number, number, number, sb.Codec<number>]> = [
  ["u8", u8, 1, 0, 255, sb.u8],
  ["u16", u16, 2, 0, 65535, sb.u16],
  ["u32", u32, 4, 0, 4294967295, sb.u32],
  ["i8", i8, 1, -128, 127, sb.i8],
  ["i16", i16, 2, -32768, 32767, sb.i16],
  ["i32", i32, 4, -2147483648, 2147483647, sb.i32],
];

const big: Array<[string, Codec<bigint>, number, bigint, bigint, sb.Codec<bigint>]> = [
  ["u64", u64, 8, 0n, 2n ** 64n - 1n, sb.u64],
  ["u128", u128, 16, 0n, 2n ** 128n - 1n, sb.u128],
  ["u256", u256, 32, 0n, 2n ** 256n - 1n, sb.u256],
  ["i64", i64, 8, -(2n ** 63n), 2n ** 63n - 1n, sb.i64],
  ["i128", i128, 16, -(2n ** 127n), 2n ** 127n - 1n, sb.i128],
  ["i256", i256, 32, -(2n ** 255n), 2n ** 255n - 1n, sb.i256],
];

describe("fixed-width integers", () => {
  it("encode known vectors little-endian", () => {
    expect(toHex(u8.enc(0))).toBe("0x00");
    expect(toHex(u8.enc(255))).toBe("0xff");
    expect(toHex(u16.enc(0x1234))).toBe("0x3412");
    expect(toHex(u32.enc(0x12345678))).toBe("0x78563412");
    expect(toHex(u64.enc(0x0102030405060708n))).toBe("0x0807060504030201");
    expect(toHex(u128.enc(2n ** 128n - 1n))).toBe(`0x${"ff".repeat(16)}`);
    expect(toHex(u128.enc(1n))).toBe(`0x01${"00".repeat(15)}`);
    expect(toHex(u256.enc(2n ** 255n))).toBe(`0x${"00".repeat(31)}80`);
    expect(toHex(i8.enc(-1))).toBe("0xff");
    expect(toHex(i16.enc(-2))).toBe("0xfeff");
    expect(toHex(i32.enc(-2147483648))).toBe("0x00000080");
    expect(toHex(i64.enc(-1n))).toBe(`0x${"ff".repeat(8)}`);
    expect(toHex(i128.enc(-(2n ** 127n)))).toBe(`0x${"00".repeat(15)}80`);
    expect(toHex(i256.enc(2n ** 255n - 1n))).toBe(`0x${"ff".repeat(31)}7f`);
  });

  it("decode wide integers on both sides of the low 64-bit word, at any offset", () => {
    const wide: Array<[Codec<bigint>, bigint[]]> = [
      [u128, [0n, 1n, 2n ** 64n - 1n, 2n ** 64n, 2n ** 64n + 1n, 2n ** 120n, 2n ** 128n - 1n]],
      [u256, [5n, 2n ** 64n - 1n, 2n ** 64n, 2n ** 128n + 5n, 2n ** 192n, 2n ** 255n + 7n]],
      [i128, [0n, 1n, -1n, 2n ** 64n - 1n, 2n ** 64n, -(2n ** 64n), 2n ** 127n - 1n, -(2n ** 127n)]],
    ];
    for (const [codec, values] of wide)
      for (const v of values) {
        const bytes = codec.enc(v);
        expect(codec.dec(bytes)).toBe(v);
        // Read at an offset inside a larger buffer, as a struct's field is.
        const padded = new Uint8Array(bytes.length + 3).fill(0xee);
        padded.set(bytes, 3);
        expect(codec.dec(padded.subarray(3))).toBe(v);
      }
  });

  it("decode the extremes", () => {
    expect(u128.dec(fromHex("ff".repeat(16)))).toBe(2n ** 128n - 1n);
    expect(i128.dec(fromHex(`${"00".repeat(15)}80`))).toBe(-(2n ** 127n));
    expect(i256.dec(fromHex("ff".repeat(32)))).toBe(-1n);
    expect(i32.dec(fromHex("ffffff7f"))).toBe(2147483647);
    expect(u32.dec(fromHex("ffffffff"))).toBe(4294967295);
  });

  for (const [name, codec, width, min, max, ref] of small) {
    it(`${name} round-trips and matches substrate-bindings`, () => {
      fc.assert(
        fc.property(fc.integer({ min, max }), (v) => {
          const bytes = codec.enc(v);
          expect(bytes.length).toBe(width);
          expect(toHex(bytes)).toBe(toHex(ref.enc(v)));
          expect(codec.dec(bytes)).toBe(v);
        }),
        { numRuns: 200 },
      );
    });

    it(`${name} rejects truncation at every length and trailing bytes`, () => {
      const bytes = codec.enc(max);
      for (let n = 0; n < width; n++) expect(kindOf(() => codec.dec(bytes.subarray(0, n)))).toBe("truncated");
      expect(kindOf(() => codec.dec(Uint8Array.of(...bytes, 0)))).toBe("trailing-bytes");
    });

    it(`${name} refuses to encode values it cannot hold`, () => {
      for (const bad of [min - 1, max + 1, 1.5, Number.NaN])
        expect(() => codec.enc(bad)).toThrow(EncodeError);
    });
  }

  for (const [name, codec, width, min, max, ref] of big) {
    it(`${name} round-trips and matches substrate-bindings`, () => {
      fc.assert(
        fc.property(fc.bigInt({ min, max }), (v) => {
          const bytes = codec.enc(v);
          expect(bytes.length).toBe(width);
          expect(toHex(bytes)).toBe(toHex(ref.enc(v)));
          expect(codec.dec(bytes)).toBe(v);
        }),
        { numRuns: 200 },
      );
      for (const v of [min, max, 0n]) expect(codec.dec(codec.enc(v))).toBe(v);
    });

    it(`${name} rejects truncation at every length and trailing bytes`, () => {
      const bytes = codec.enc(max);
      for (let n = 0; n < width; n++) expect(kindOf(() => codec.dec(bytes.subarray(0, n)))).toBe("truncated");
      expect(kindOf(() => codec.dec(Uint8Array.of(...bytes, 0)))).toBe("trailing-bytes");
    });

    it(`${name} refuses to encode values it cannot hold`, () => {
      expect(() => codec.enc(min - 1n)).toThrow(EncodeError);
      expect(() => codec.enc(max + 1n)).toThrow(EncodeError);
      // A number where a bigint belongs is a caller bug, not silently converted.
      expect(() => codec.enc(1 as unknown as bigint)).toThrow(EncodeError);
    });
  }

  it("decode from a subarray with a non-zero byteOffset", () => {
    const backing = fromHex("aa785634120807060504030201");
    expect(u32.dec(backing.subarray(1, 5))).toBe(0x12345678);
    expect(u64.dec(backing.subarray(5))).toBe(0x0102030405060708n);
  });
});

describe("bool", () => {
  it("is one byte, 0 or 1, as substrate-bindings", () => {
    expect(toHex(bool.enc(false))).toBe("0x00");
    expect(toHex(bool.enc(true))).toBe("0x01");
    expect(toHex(sb.bool.enc(true))).toBe("0x01");
    expect(bool.dec(Uint8Array.of(0))).toBe(false);
    expect(bool.dec(Uint8Array.of(1))).toBe(true);
  });

  it("rejects any other byte as non-canonical", () => {
    for (const b of [2, 3, 0x80, 0xff])
      expect(kindOf(() => bool.dec(Uint8Array.of(b)))).toBe("non-canonical");
  });

  it("rejects empty input and trailing bytes", () => {
    expect(kindOf(() => bool.dec(new Uint8Array()))).toBe("truncated");
    expect(kindOf(() => bool.dec(Uint8Array.of(1, 0)))).toBe("trailing-bytes");
  });
});
