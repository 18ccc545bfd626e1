/**
 * Hands out small byte arrays carved from shared 64 KiB buffers. V8 keeps a typed array of up to
 * 64 bytes on its heap, but gives a larger one a buffer of its own, which costs about ten times a
 * view of a shared buffer (~700 against ~75 ns here for 80 bytes). A buffer lives while any of its
 * arrays does, so keep slabs short-lived or their arrays few.
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

  /** A copy of `bytes[0..length)` (all of it by default) in this slab. */
  copy(bytes: Uint8Array, length = bytes.length): Uint8Array {
    const out = this.alloc(length);
    out.set(length === bytes.length ? bytes : bytes.subarray(0, length));
    return out;
  }
}

/** The largest typed array V8 keeps on its heap; a larger one gets a buffer of its own. */
const ON_HEAP_MAX = 64;
let shared: Slab | undefined;

/**
 * From now on, `newBytes` and finished encodings (`Writer.finish`) of more than 64 bytes are views
 * of shared buffers: a runtime makes several 80-byte arrays per transfer (an account, its storage
 * key, an event). Only for code whose arrays live briefly, as a runtime call's do; a node keeps
 * some of its arrays for long, and one such array would keep its whole buffer.
 */
export function useSharedBuffers(): void {
  shared ??= new Slab();
}

/** A new array of `buf`'s first `length` bytes (in a shared buffer after `useSharedBuffers`). */
export function finished(buf: Uint8Array, length: number): Uint8Array {
  if (length <= ON_HEAP_MAX || shared === undefined) return buf.slice(0, length);
  const out = shared.alloc(length);
  // A short loop beats making a view of `buf` to copy from.
  if (length <= 256) for (let i = 0; i < length; i++) out[i] = buf[i]!;
  else out.set(buf.subarray(0, length));
  return out;
}

/** A new zeroed array of `length` bytes (a view of a shared buffer after `useSharedBuffers`). */
export function newBytes(length: number): Uint8Array {
  return length > ON_HEAP_MAX && shared !== undefined ? shared.alloc(length) : new Uint8Array(length);
}
