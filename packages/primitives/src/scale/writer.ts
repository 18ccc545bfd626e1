/** A growable output buffer; encoders append to it so composite values are built without copies. */
import { finished } from "../slab.ts";

// Wide integers go through this scratch word: one DataView for the whole program instead of one
// per writer or reader (a DataView per small value was a measurable share of block execution).
const scratch = new DataView(new ArrayBuffer(8));
const scratchBytes = new Uint8Array(scratch.buffer);
const MASK_64 = 0xffff_ffff_ffff_ffffn;

export class Writer {
  private buf: Uint8Array;
  length = 0;

  constructor(capacity = 64) {
    this.buf = new Uint8Array(capacity);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    // At least 16: a writer created with capacity 0 must still grow.
    let size = Math.max(this.buf.length * 2, 16);
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.length++] = b;
  }

  bytes(data: Uint8Array): void {
    this.reserve(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
  }

  /** Little-endian u16 (the caller checked the range). */
  u16(v: number): void {
    this.reserve(2);
    const b = this.buf;
    const at = this.length;
    b[at] = v & 0xff;
    b[at + 1] = v >>> 8;
    this.length = at + 2;
  }

  /** Little-endian u32 (the caller checked the range). */
  u32(v: number): void {
    this.reserve(4);
    const b = this.buf;
    const at = this.length;
    b[at] = v & 0xff;
    b[at + 1] = (v >>> 8) & 0xff;
    b[at + 2] = (v >>> 16) & 0xff;
    b[at + 3] = v >>> 24;
    this.length = at + 4;
  }

  /** Little-endian unsigned integer of `bytes` (a multiple of 8) bytes (the caller checked the range). */
  bigUint(v: bigint, bytes: number): void {
    this.reserve(bytes);
    const b = this.buf;
    let at = this.length;
    let rest = v;
    for (let word = 0; word < bytes; word += 8) {
      if (rest === 0n) {
        b.fill(0, at, at + bytes - word);
        break;
      }
      scratch.setBigUint64(0, rest & MASK_64, true);
      for (let i = 0; i < 8; i++) b[at + i] = scratchBytes[i]!;
      at += 8;
      rest >>= 64n;
    }
    this.length += bytes;
  }

  /** Empties the writer, keeping its buffer (for a writer that encodes one value after another). */
  reset(): void {
    this.length = 0;
  }

  /** The buffer's size, so a reused writer can drop one grown too large. */
  get capacity(): number {
    return this.buf.length;
  }

  finish(): Uint8Array {
    return finished(this.buf, this.length);
  }
}

/** Reads a little-endian unsigned integer of `bytes` (a multiple of 8) bytes at `at`. */
export function readBigUint(data: Uint8Array, at: number, bytes: number): bigint {
  // Most values (balances) fit the low word: one BigInt instead of one per word and the joins.
  let high = bytes - 1;
  while (high >= 8 && data[at + high] === 0) high--;
  if (high < 8) {
    for (let i = 0; i < 8; i++) scratchBytes[i] = data[at + i]!;
    return scratch.getBigUint64(0, true);
  }
  let v = 0n;
  for (let word = bytes - 8; word >= 0; word -= 8) {
    for (let i = 0; i < 8; i++) scratchBytes[i] = data[at + word + i]!;
    v = word === bytes - 8 ? scratch.getBigUint64(0, true) : (v << 64n) | scratch.getBigUint64(0, true);
  }
  return v;
}
