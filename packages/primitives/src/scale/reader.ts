import { DecodeError } from "../errors.ts";

/**
 * A bounds-checked cursor over untrusted bytes. Every read checks the remaining length first,
 * so a decoder never reads past the end and never allocates more than the input holds.
 */
export class Reader {
  readonly bytes: Uint8Array;
  offset = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  /** Throws `truncated` unless `n` more bytes are available. */
  need(n: number, what: string): void {
    if (n > this.remaining) {
      throw new DecodeError(
        "truncated",
        what,
        `needs ${n} more byte(s) at offset ${this.offset}, ${this.remaining} left`,
      );
    }
  }

  byte(what: string): number {
    this.need(1, what);
    return this.bytes[this.offset++]!;
  }

  /** A view of the next `n` bytes (no copy). */
  take(n: number, what: string): Uint8Array {
    this.need(n, what);
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  /** Throws `trailing-bytes` if anything is left: SCALE values are exact. */
  end(what: string): void {
    if (this.remaining !== 0) {
      throw new DecodeError("trailing-bytes", what, `${this.remaining} unexpected byte(s) after the value`);
    }
  }
}
