/**
 * A SCALE `Vec` grown by appending already-encoded items (`ext_storage_append`), kept unencoded so
 * that an append costs its own bytes, not the vector's (events grow by thousands per block).
 * Snapshots share `buf`: an append writes only past its snapshot's `len`, so older snapshots (in
 * transaction journals) stay intact.
 */
import { readCompact, writeCompact } from "./compact.ts";
import { Reader } from "./reader.ts";
import { Writer } from "./writer.ts";

export class AppendedVec {
  readonly buf: Uint8Array;
  readonly len: number;
  readonly count: number;
  #encoded: Uint8Array | undefined;

  constructor(buf: Uint8Array, len: number, count: number) {
    this.buf = buf;
    this.len = len;
    this.count = count;
  }

  /** The vector's SCALE encoding. */
  encode(): Uint8Array {
    if (this.#encoded === undefined) {
      const w = new Writer(this.len + 5);
      writeCompact(w, this.count);
      w.bytes(this.buf.subarray(0, this.len));
      this.#encoded = w.finish();
    }
    return this.#encoded;
  }

  /** This vector with `item` added: in place past `len` when there is room, else in a larger buffer. */
  with(item: Uint8Array): AppendedVec {
    const need = this.len + item.length;
    let buf = this.buf;
    if (need > buf.length) {
      buf = new Uint8Array(Math.max(need, 2 * buf.length, 256));
      buf.set(this.buf.subarray(0, this.len));
    }
    buf.set(item, this.len);
    return new AppendedVec(buf, need, this.count + 1);
  }

  /**
   * The items of an encoded vector. A missing value, or one whose length prefix does not decode,
   * starts empty, as Substrate's append; after a good prefix whatever follows is kept as it is.
   */
  static from(existing: Uint8Array | undefined | null): AppendedVec {
    if (existing) {
      try {
        const r = new Reader(existing);
        const count = Number(readCompact(r, 32, "Vec length"));
        const body = existing.slice(r.offset);
        return new AppendedVec(body, body.length, count);
      } catch {
        // replaced below
      }
    }
    return new AppendedVec(new Uint8Array(0), 0, 0);
  }
}

/** `ext_storage_append` on a plain value: `existing` (a SCALE `Vec`, or missing or malformed) with `item` added. */
export function appendToVec(existing: Uint8Array | undefined, item: Uint8Array): Uint8Array {
  return AppendedVec.from(existing).with(item).encode();
}
