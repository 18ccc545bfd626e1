/**
 * SCALE compact integers. Decoding is strict: a value must use the shortest mode that holds it
 * (Substrate rejects non-minimal encodings too), and must fit the declared width.
 */
import { DecodeError, EncodeError } from "../errors.ts";
import { type Codec, copyAsIs, copyNumber, makeCodec, type PrimitiveName } from "./codec.ts";
import type { Reader } from "./reader.ts";
import type { Writer } from "./writer.ts";

export function writeCompact(w: Writer, value: bigint | number): void {
  const v = BigInt(value);
  if (v < 0n) throw new EncodeError("Compact", `${value} is negative`);
  if (v < 0x40n) {
    w.byte(Number(v) << 2);
    return;
  }
  if (v < 0x4000n) {
    const n = (Number(v) << 2) | 1;
    w.byte(n & 0xff);
    w.byte(n >> 8);
    return;
  }
  if (v < 0x4000_0000n) {
    w.u32(((Number(v) << 2) | 2) >>> 0);
    return;
  }
  let rest = v;
  const out: number[] = [];
  while (rest > 0n) {
    out.push(Number(rest & 0xffn));
    rest >>= 8n;
  }
  if (out.length > 67) throw new EncodeError("Compact", "value needs more than 67 bytes");
  w.byte(((out.length - 4) << 2) | 3);
  for (const b of out) w.byte(b);
}

/** Reads a compact integer of at most `maxBits` bits, rejecting non-canonical forms. */
export function readCompact(r: Reader, maxBits: number, what: string): bigint {
  const first = r.byte(what);
  const mode = first & 3;
  if (mode === 0) return BigInt(first >> 2);
  if (mode === 1) {
    const v = (first | (r.byte(what) << 8)) >> 2;
    if (v < 0x40) throw new DecodeError("non-canonical", what, `${v} must use the single-byte form`);
    return checkWidth(BigInt(v), maxBits, what);
  }
  if (mode === 2) {
    r.need(3, what);
    const v = (first | (r.byte(what) << 8) | (r.byte(what) << 16) | (r.byte(what) << 24)) >>> 2;
    if (v < 0x4000) throw new DecodeError("non-canonical", what, `${v} must use the two-byte form`);
    return checkWidth(BigInt(v), maxBits, what);
  }
  const len = (first >> 2) + 4;
  if (len > Math.ceil(maxBits / 8)) {
    throw new DecodeError("too-large", what, `${len}-byte compact exceeds ${maxBits} bits`);
  }
  const bytes = r.take(len, what);
  if (bytes[len - 1] === 0)
    throw new DecodeError("non-canonical", what, "big-integer form has a zero top byte");
  // Four bytes at a time: one BigInt per word instead of one per byte (a transfer's amount).
  let v = 0n;
  let i = len;
  for (; i >= 4; i -= 4) {
    const word = (bytes[i - 1]! << 24) | (bytes[i - 2]! << 16) | (bytes[i - 3]! << 8) | bytes[i - 4]!;
    v = (v << 32n) | BigInt(word >>> 0);
  }
  for (i--; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
  if (v < 0x4000_0000n) throw new DecodeError("non-canonical", what, `${v} must use a shorter form`);
  return checkWidth(v, maxBits, what);
}

function checkWidth(v: bigint, maxBits: number, what: string): bigint {
  if (v >> BigInt(maxBits) !== 0n) throw new DecodeError("too-large", what, `${v} exceeds ${maxBits} bits`);
  return v;
}

const innerName: Record<number, PrimitiveName> = {
  8: "u8",
  16: "u16",
  32: "u32",
  64: "u64",
  128: "u128",
  256: "u256",
};

function compactDesc(bits: number) {
  return { kind: "compact" as const, inner: { kind: "primitive" as const, name: innerName[bits]! } };
}

/** Compact<u8|u16|u32> as a number. */
export function compactNumber(bits: 8 | 16 | 32): Codec<number> {
  const what = `Compact<u${bits}>`;
  const max = 2 ** bits - 1;
  return makeCodec<number>(
    compactDesc(bits),
    1,
    (w, v) => {
      if (!Number.isInteger(v) || v < 0 || v > max)
        throw new EncodeError(what, `${v} is not an integer in 0..${max}`);
      writeCompact(w, v);
    },
    (r) => Number(readCompact(r, bits, what)),
    what,
    copyNumber,
    copyAsIs, // a decoded number is never -0
  );
}

/** Compact<u64|u128|u256> as a bigint. */
export function compactBig(bits: 64 | 128 | 256): Codec<bigint> {
  const what = `Compact<u${bits}>`;
  const max = (1n << BigInt(bits)) - 1n;
  return makeCodec<bigint>(
    compactDesc(bits),
    1,
    (w, v) => {
      if (typeof v !== "bigint" || v < 0n || v > max)
        throw new EncodeError(what, `${v} is not a bigint in 0..2^${bits}-1`);
      writeCompact(w, v);
    },
    (r) => readCompact(r, bits, what),
    what,
    copyAsIs,
  );
}

export const compactU8 = compactNumber(8);
export const compactU16 = compactNumber(16);
export const compactU32 = compactNumber(32);
export const compactU64 = compactBig(64);
export const compactU128 = compactBig(128);
export const compactU256 = compactBig(256);

/** Reads a length prefix (Compact<u32>) and checks that `len` items of `minSize` bytes can fit. */
export function readLength(r: Reader, minSize: number, what: string): number {
  const len = Number(readCompact(r, 32, `${what} length`));
  if (len * Math.max(minSize, 1) > r.remaining) {
    throw new DecodeError(
      "too-large",
      what,
      `declares ${len} item(s) but only ${r.remaining} byte(s) remain`,
    );
  }
  return len;
}
