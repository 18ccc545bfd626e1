/**
 * Hands out small byte arrays carved from shared buffers (64 KiB by default). V8 keeps a typed
 * array of up to 64 bytes on its heap, but gives a larger one a buffer of its own, which costs
 * about ten times a view of a shared buffer (~700 against ~75 ns here for 80 bytes). A buffer
 * lives while any of its arrays does, so keep slabs short-lived or their arrays few.
 */
export class Slab {
  private buffer = new Uint8Array(0);
  private used = 0;
  private readonly size: number;

  /** `size`: bytes per buffer; arrays over an eighth of it get a buffer of their own. */
  constructor(size = 1 << 16) {
    this.size = size;
  }

  alloc(length: number): Uint8Array {
    if (length > this.size >> 3) return new Uint8Array(length);
    if (this.used + length > this.buffer.length) {
      this.buffer = new Uint8Array(this.size);
      this.used = 0;
    }
    const out = this.buffer.subarray(this.used, this.used + length);
    this.used += length;
    return out;
  }

  /** A copy of `bytes[0..length)` (all of it by default) in this slab. */
  copy(bytes: Uint8Array, length = bytes.length): Uint8Array {
    const out = this.alloc(length);
    // A short loop beats making a view of `bytes` to copy from.
    if (length <= 256) for (let i = 0; i < length; i++) out[i] = bytes[i]!;
    else out.set(length === bytes.length ? bytes : bytes.subarray(0, length));
    return out;
  }
}

/** The largest typed array V8 keeps on its heap; a larger one gets a buffer of its own. */
export const ON_HEAP_MAX = 64;
let shared: Slab | undefined;

/**
 * From now on, `newBytes` and finished encodings (`Writer.finish`) of more than 64 bytes are views
 * of shared buffers: a runtime makes several 80-byte arrays per transfer (an account, its storage
 * key, an event). Only for code whose arrays live briefly, as a runtime call's do; a node keeps
 * some of its arrays for long, and one such array would keep its whole buffer.
 */
export function useSharedBuffers(): void {
  // Small buffers: a runtime's caches that outlive a call (decoded values, defaults) keep a few
  // such arrays, and each keeps its whole buffer.
  shared ??= new Slab(4096);
}

/** A new array of `buf`'s first `length` bytes (in a shared buffer after `useSharedBuffers`). */
export function finished(buf: Uint8Array, length: number): Uint8Array {
  return length <= ON_HEAP_MAX || shared === undefined ? buf.slice(0, length) : shared.copy(buf, length);
}

/** A new zeroed array of `length` bytes (a view of a shared buffer after `useSharedBuffers`). */
export function newBytes(length: number): Uint8Array {
  return length > ON_HEAP_MAX && shared !== undefined ? shared.alloc(length) : new Uint8Array(length);
}
