/** Fixed-width integers and bool, little-endian as SCALE requires. Up to 32 bits are numbers; wider are bigints. */
import { DecodeError, EncodeError } from "../errors.ts";
import { type Codec, copyAsIs, copyNumber, makeCodec, type PrimitiveName } from "./codec.ts";
import { readBigUint } from "./writer.ts";

function smallUint(name: PrimitiveName, bytes: 1 | 2 | 4): Codec<number> {
  const max = 2 ** (bytes * 8) - 1;
  return makeCodec<number>(
    { kind: "primitive", name },
    bytes,
    (w, v) => {
      if (!Number.isInteger(v) || v < 0 || v > max)
        throw new EncodeError(name, `${v} is not an integer in 0..${max}`);
      if (bytes === 1) w.byte(v);
      else if (bytes === 2) w.u16(v);
      else w.u32(v);
    },
    (r) => {
      r.need(bytes, name);
      if (bytes === 1) return r.byte(name);
      const b = r.bytes;
      const at = r.offset;
      r.offset += bytes;
      if (bytes === 2) return b[at]! | (b[at + 1]! << 8);
      return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
    },
    name,
    copyNumber,
    copyAsIs, // a decoded number is never -0
  );
}

function smallInt(name: PrimitiveName, bytes: 1 | 2 | 4): Codec<number> {
  const bits = bytes * 8;
  const min = -(2 ** (bits - 1));
  const max = 2 ** (bits - 1) - 1;
  const unsigned = smallUint(name, bytes);
  return makeCodec<number>(
    { kind: "primitive", name },
    bytes,
    (w, v) => {
      if (!Number.isInteger(v) || v < min || v > max)
        throw new EncodeError(name, `${v} is not an integer in ${min}..${max}`);
      unsigned.write(w, v < 0 ? v + 2 ** bits : v);
    },
    (r) => {
      const u = unsigned.read(r);
      return u > max ? u - 2 ** bits : u;
    },
    name,
    copyNumber,
    copyAsIs, // a decoded number is never -0
  );
}

function bigUint(name: PrimitiveName, bytes: 8 | 16 | 32): Codec<bigint> {
  const max = (1n << BigInt(bytes * 8)) - 1n;
  return makeCodec<bigint>(
    { kind: "primitive", name },
    bytes,
    (w, v) => {
      if (typeof v !== "bigint" || v < 0n || v > max)
        throw new EncodeError(name, `${v} is not a bigint in 0..2^${bytes * 8}-1`);
      w.bigUint(v, bytes);
    },
    (r) => {
      r.need(bytes, name);
      const v = readBigUint(r.bytes, r.offset, bytes);
      r.offset += bytes;
      return v;
    },
    name,
    copyAsIs,
  );
}

function bigInt(name: PrimitiveName, bytes: 8 | 16 | 32): Codec<bigint> {
  const bits = BigInt(bytes * 8);
  const min = -(1n << (bits - 1n));
  const max = (1n << (bits - 1n)) - 1n;
  const unsigned = bigUint(name, bytes);
  return makeCodec<bigint>(
    { kind: "primitive", name },
    bytes,
    (w, v) => {
      if (typeof v !== "bigint" || v < min || v > max) throw new EncodeError(name, `${v} is out of range`);
      unsigned.write(w, v < 0n ? v + (1n << bits) : v);
    },
    (r) => {
      const u = unsigned.read(r);
      return u > max ? u - (1n << bits) : u;
    },
    name,
    copyAsIs,
  );
}

export const u8 = smallUint("u8", 1);
export const u16 = smallUint("u16", 2);
export const u32 = smallUint("u32", 4);
export const u64 = bigUint("u64", 8);
export const u128 = bigUint("u128", 16);
export const u256 = bigUint("u256", 32);
export const i8 = smallInt("i8", 1);
export const i16 = smallInt("i16", 2);
export const i32 = smallInt("i32", 4);
export const i64 = bigInt("i64", 8);
export const i128 = bigInt("i128", 16);
export const i256 = bigInt("i256", 32);

export const bool = makeCodec<boolean>(
  { kind: "primitive", name: "bool" },
  1,
  (w, v) => w.byte(v ? 1 : 0),
  (r) => {
    const b = r.byte("bool");
    if (b > 1) throw new DecodeError("non-canonical", "bool", `byte 0x${b.toString(16)} is neither 0 nor 1`);
    return b === 1;
  },
  "bool",
  Boolean, // what the writer makes of any value: truthy is 1
  copyAsIs, // a decoded bool is a boolean
);
