/** A growable output buffer; encoders append to it so composite values are built without copies. */
export class Writer {
  private buf: Uint8Array;
  // Made on first use: most writers never write a fixed-width integer, and a DataView per writer
  // is a measurable share of encoding small values.
  private view: DataView | undefined;
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
    this.view = undefined;
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

  /** Reserves `n` bytes and returns a view positioned at them, for fixed-width integers. */
  fixed(n: number): { view: DataView; at: number } {
    this.reserve(n);
    const at = this.length;
    this.length += n;
    this.view ??= new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    return { view: this.view, at };
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
