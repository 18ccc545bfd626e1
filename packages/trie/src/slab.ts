/**
 * Hands out small byte arrays carved from shared 64 KiB buffers. A fresh typed array costs a
 * buffer allocation each (several times a view's cost in V8), and a commit makes one for every
 * node it encodes. A buffer lives while any of its arrays does, so keep slabs short-lived or
 * their arrays few.
 */
const SLAB = 1 << 16;

export class Slab {
  private buffer = new Uint8Array(0);
  private used = 0;

  alloc(length: number): Uint8Array {
    if (length > SLAB >> 3) return new Uint8Array(length);
    if (this.used + length > this.buffer.length) {
      this.buffer = new Uint8Array(SLAB);
      this.used = 0;
    }
    const out = this.buffer.subarray(this.used, this.used + length);
    this.used += length;
    return out;
  }
}
