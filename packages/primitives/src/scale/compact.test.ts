import * as sb from "@polkadot-api/substrate-bindings";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EncodeError } from "../errors.ts";
import { fromHex, toHex } from "../hex.ts";
import { kindOf } from "../test/kindOf.ts";
import type { Codec } from "./codec.ts";
import {
  compactU8,
  compactU16,
  compactU32,
  compactU64,
  compactU128,
  compactU256,
  readCompact,
  readLength,
  writeCompact,
} from "./compact.ts";
import { Reader } from "./reader.ts";
import { Writer } from "./writer.ts";

function compactHex(v: bigint | number): string {
  const w = new Writer();
  writeCompact(w, v);
  return toHex(w.finish());
}

/** Encodes `v` in a chosen mode (0 single byte, 1 two bytes, 2 four bytes, 3 big with `len` bytes), minimal or not. */
function forceMode(v: bigint, mode: 0 | 1 | 2 | 3, len = 4): Uint8Array {
  if (mode === 0) return Uint8Array.of(Number(v << 2n));
  if (mode === 1) {
    const n = Number((v << 2n) | 1n);
    return Uint8Array.of(n & 0xff, n >> 8);
  }
  if (mode === 2) {
    const n = (v << 2n) | 2n;
    return Uint8Array.from([0, 8, 16, 24], (s) => Number((n >> BigInt(s)) & 0xffn));
  }
  const out = new Uint8Array(len + 1);
  out[0] = ((len - 4) << 2) | 3;
  for (let i = 0; i < len; i++) out[i + 1] = Number((v >> BigInt(8 * i)) & 0xffn);
  return out;
}

const codecs: Array<[string, Codec<number> | Codec<bigint>, number]> = [
  ["Compact<u8>", compactU8, 8],
  ["Compact<u16>", compactU16, 16],
  ["Compact<u32>", compactU32, 32],
  ["Compact<u64>", compactU64, 64],
  ["Compact<u128>", compactU128, 128],
  ["Compact<u256>", compactU256, 256],
];

describe("compact integers", () => {
  it("encode the boundary vectors", () => {
    const vectors: Array<[bigint | number, string]> = [
      [0, "0x00"],
      [1, "0x04"],
      [42, "0xa8"],
      [63, "0xfc"],
      [64, "0x0101"],
      [69, "0x1501"],
      [16383, "0xfdff"],
      [16384, "0x02000100"],
      [2 ** 30 - 1, "0xfeffffff"],
      [2 ** 30, "0x0300000040"],
      [2 ** 32 - 1, "0x03ffffffff"],
      [2 ** 32, "0x070000000001"],
      [2n ** 64n - 1n, `0x13${"ff".repeat(8)}`],
      [2n ** 128n - 1n, `0x33${"ff".repeat(16)}`],
      [2n ** 256n - 1n, `0x73${"ff".repeat(32)}`],
      [2n ** 536n - 1n, `0xff${"ff".repeat(67)}`],
    ];
    for (const [v, hex] of vectors) {
      expect(compactHex(v)).toBe(hex);
      expect(compactHex(BigInt(v))).toBe(hex);
      if (BigInt(v) < 2n ** 128n) expect(toHex(sb.compact.enc(v))).toBe(hex);
    }
    expect(toHex(compactU8.enc(255))).toBe("0xfd03");
    expect(toHex(compactU16.enc(65535))).toBe("0xfeff0300");
    expect(toHex(compactU32.enc(4294967295))).toBe("0x03ffffffff");
    expect(toHex(compactU128.enc(2n ** 128n - 1n))).toBe(`0x33${"ff".repeat(16)}`);
  });

  it("refuse to encode negatives and values past 67 bytes", () => {
    expect(() => writeCompact(new Writer(), -1)).toThrow(EncodeError);
    expect(() => writeCompact(new Writer(), 2n ** 536n)).toThrow(EncodeError);
    expect(() => compactU8.enc(256)).toThrow(EncodeError);
    expect(() => compactU32.enc(2 ** 32)).toThrow(EncodeError);
    expect(() => compactU32.enc(1.5)).toThrow(EncodeError);
    expect(() => compactU64.enc(2n ** 64n)).toThrow(EncodeError);
    expect(() => compactU64.enc(5 as unknown as bigint)).toThrow(EncodeError);
  });

  for (const [name, codec, bits] of codecs) {
    const max = 2n ** BigInt(bits) - 1n;
    it(`${name} round-trips and agrees with substrate-bindings`, () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.bigInt({ min: 0n, max }),
            fc.bigInt({ min: 0n, max: 2n ** 32n }).filter((v) => v <= max),
          ),
          (v) => {
            const value = bits <= 32 ? Number(v) : v;
            const bytes = (codec as Codec<typeof value>).enc(value);
            expect(codec.dec(bytes)).toBe(value);
            expect(toHex(bytes)).toBe(compactHex(v));
            if (bits <= 128) expect(BigInt(sb.compact.dec(bytes))).toBe(v);
          },
        ),
        { numRuns: 300 },
      );
    });

    it(`${name} rejects truncation at every length and trailing bytes`, () => {
      for (const v of [0n, 63n, 64n, 16383n, 16384n, 2n ** 30n - 1n, 2n ** 30n, max]) {
        if (v > max) continue;
        const bytes = fromHex(compactHex(v));
        for (let n = 0; n < bytes.length; n++)
          expect(kindOf(() => codec.dec(bytes.subarray(0, n)))).toBe("truncated");
        expect(kindOf(() => codec.dec(Uint8Array.of(...bytes, 0)))).toBe("trailing-bytes");
      }
    });
  }

  it("reject every non-minimal encoding, in every mode", () => {
    // Explicit vectors: each value written one mode (or one byte) longer than it needs.
    const nonMinimal = [
      "0x0100", // 0 in two bytes
      "0xfd00", // 63 in two bytes
      "0x02000000", // 0 in four bytes
      "0xfeff0000", // 16383 in four bytes
      "0x0300000000", // 0 in the big form
      "0x03ffffff3f", // 2^30 - 1 in the big form
      "0x070000004000", // 2^30 in five bytes: zero top byte
      `0x0f${"ff".repeat(6)}00`, // 2^48 - 1 in seven bytes
    ];
    for (const hex of nonMinimal) {
      expect(kindOf(() => compactU64.dec(fromHex(hex)))).toBe("non-canonical");
      expect(kindOf(() => compactU256.dec(fromHex(hex)))).toBe("non-canonical");
    }
    // Property: for any value, every mode longer than the minimal one is refused.
    fc.assert(
      fc.property(
        fc.oneof(
          fc.bigInt({ min: 0n, max: 63n }),
          fc.bigInt({ min: 64n, max: 2n ** 14n - 1n }),
          fc.bigInt({ min: 2n ** 14n, max: 2n ** 30n - 1n }),
          fc.bigInt({ min: 2n ** 30n, max: 2n ** 64n - 1n }),
        ),
        fc.integer({ min: 0, max: 8 }),
        (v, extra) => {
          const modes: Array<[1 | 2 | 3, number]> = [];
          if (v < 64n) modes.push([1, 0]);
          if (v < 2n ** 14n) modes.push([2, 0]);
          const byteLen = (v.toString(16).length + 1) >> 1;
          for (let len = Math.max(4, byteLen); len <= byteLen + extra && len <= 67; len++) {
            if (v >= 2n ** 30n && len === byteLen) continue; // the minimal form
            modes.push([3, len]);
          }
          for (const [mode, len] of modes) {
            expect(kindOf(() => compactU256.dec(forceMode(v, mode, len)))).toBe("non-canonical");
          }
          // And the minimal form of the same value decodes.
          expect(compactU256.dec(fromHex(compactHex(v)))).toBe(v);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reject values too large for the declared width", () => {
    expect(kindOf(() => compactU8.dec(fromHex(compactHex(256))))).toBe("too-large");
    expect(kindOf(() => compactU8.dec(fromHex(compactHex(16383))))).toBe("too-large");
    expect(kindOf(() => compactU8.dec(fromHex(compactHex(2 ** 30))))).toBe("too-large");
    expect(kindOf(() => compactU16.dec(fromHex(compactHex(65536))))).toBe("too-large");
    expect(kindOf(() => compactU16.dec(fromHex(compactHex(2 ** 30 - 1))))).toBe("too-large");
    expect(kindOf(() => compactU32.dec(fromHex(compactHex(2 ** 32))))).toBe("too-large");
    expect(kindOf(() => compactU64.dec(fromHex(compactHex(2n ** 64n))))).toBe("too-large");
    expect(kindOf(() => compactU128.dec(fromHex(compactHex(2n ** 128n))))).toBe("too-large");
    expect(kindOf(() => compactU256.dec(fromHex(compactHex(2n ** 256n))))).toBe("too-large");
    // The largest big-form header (67 bytes) is refused before its bytes are read.
    expect(kindOf(() => compactU256.dec(Uint8Array.of(0xff)))).toBe("too-large");
    expect(kindOf(() => compactU32.dec(Uint8Array.of(0x07)))).toBe("too-large");
  });

  it("readCompact leaves the reader after the value", () => {
    const r = new Reader(fromHex("0x0101ff"));
    expect(readCompact(r, 32, "x")).toBe(64n);
    expect(r.offset).toBe(2);
  });
});

describe("readLength", () => {
  it("accepts a length whose items fit", () => {
    const r = new Reader(fromHex("0x0c000000000000"));
    expect(readLength(r, 2, "Vec<u16>")).toBe(3);
  });

  it("fails fast with too-large when the items cannot fit", () => {
    // 3 items of at least 2 bytes need 6; 5 remain.
    expect(kindOf(() => readLength(new Reader(fromHex("0x0c0000000000")), 2, "Vec<u16>"))).toBe("too-large");
    // A length of 2^30 - 1 in a four-byte input.
    expect(kindOf(() => readLength(new Reader(fromHex("0xfeffffff")), 1, "Vec<u8>"))).toBe("too-large");
    expect(kindOf(() => readLength(new Reader(fromHex("0x03ffffffff")), 1, "Vec<u8>"))).toBe("too-large");
    // A length is a Compact<u32>: five-byte forms are too large, not merely long.
    expect(kindOf(() => readLength(new Reader(fromHex("0x070000000001")), 1, "Vec<u8>"))).toBe("too-large");
  });
});
