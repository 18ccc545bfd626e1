import { DecodeError } from "./errors.ts";

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Lower-case `0x`-prefixed hex, as Substrate's JSON-RPC writes bytes. */
export function toHex(bytes: Uint8Array): `0x${string}` {
  let out = "0x";
  for (const b of bytes) out += HEX[b];
  return out as `0x${string}`;
}

/** Each hex digit's value by its char code; -1 for any other character below 128. */
const DIGIT = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < 10; i++) t[0x30 + i] = i;
  for (let i = 0; i < 6; i++) t[0x41 + i] = t[0x61 + i] = 10 + i;
  return t;
})();

const digitAt = (hex: string, i: number): number => {
  const c = hex.charCodeAt(i);
  return c < 128 ? DIGIT[c]! : -1;
};

/**
 * Parses `0x`-prefixed (or bare) hex; rejects odd lengths and non-hex characters. Two digits at a
 * time by table: a regular expression, a slice and `parseInt` per byte made this most of reading
 * a large genesis config's accounts.
 */
export function fromHex(hex: string): Uint8Array {
  const start = hex.charCodeAt(0) === 0x30 && (hex.charCodeAt(1) | 0x20) === 0x78 ? 2 : 0;
  const digits = hex.length - start;
  if (digits % 2 !== 0) throw new DecodeError("bad-length", "hex string", `odd number of digits (${digits})`);
  const out = new Uint8Array(digits / 2);
  for (let i = 0, at = start; i < out.length; i++, at += 2) {
    const high = digitAt(hex, at);
    const low = digitAt(hex, at + 1);
    if ((high | low) < 0)
      throw new DecodeError("invalid-value", "hex string", "contains a non-hex character");
    out[i] = (high << 4) | low;
  }
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lexicographic byte order, the order of keys in the trie and in the database. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export { encodeUtf8 as utf8Bytes } from "./utf8.ts";
