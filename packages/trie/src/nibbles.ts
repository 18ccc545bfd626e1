/**
 * Nibble helpers. The trie is base-16: a key of n bytes is a path of 2n nibbles, high nibble
 * first. The stored trie keeps partial keys as one nibble per byte (simple to slice and join);
 * the root builder reads nibbles straight out of packed keys to avoid the conversion.
 */

/** Nibble `i` of a packed byte string. */
export function nibbleAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i >> 1]!;
  return i & 1 ? b & 0x0f : b >> 4;
}

const NO_SCRATCH = new Uint8Array(0);

/** Unpacks bytes into one nibble per byte. */
export function toNibbles(bytes: Uint8Array): Uint8Array {
  return toNibblesIn(bytes, NO_SCRATCH);
}

/**
 * `toNibbles` into `scratch` when it is large enough (a view of it, valid until the scratch is
 * used again), else into a new array: a lookup's path is read and dropped, and a fresh array per
 * lookup (over V8's on-heap size for keys of 33+ bytes) was a few percent of importing a block.
 */
export function toNibblesIn(bytes: Uint8Array, scratch: Uint8Array): Uint8Array {
  const n = bytes.length * 2;
  const out = n <= scratch.length ? scratch.subarray(0, n) : new Uint8Array(n);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    out[2 * i] = b >> 4;
    out[2 * i + 1] = b & 0x0f;
  }
  return out;
}

/** Packs an even number of nibbles back into bytes. */
export function nibblesToBytes(nibbles: Uint8Array): Uint8Array {
  const out = new Uint8Array(nibbles.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = (nibbles[2 * i]! << 4) | nibbles[2 * i + 1]!;
  return out;
}

/** Length of the common prefix of `a` and `b[from..]` (both unpacked). */
export function commonPrefix(a: Uint8Array, b: Uint8Array, from: number): number {
  const n = Math.min(a.length, b.length - from);
  let i = 0;
  while (i < n && a[i] === b[from + i]) i++;
  return i;
}

/** Joins unpacked nibble runs (and single nibbles) into a new array. */
export function joinNibbles(a: Uint8Array, middle: number, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + 1 + b.length);
  out.set(a, 0);
  out[a.length] = middle;
  out.set(b, a.length + 1);
  return out;
}

/**
 * Length in nibbles of the common prefix of two packed keys, starting at nibble `from`
 * (both keys are known to share everything before it).
 */
export function commonPrefixPacked(a: Uint8Array, b: Uint8Array, from: number): number {
  const max = Math.min(a.length, b.length) * 2;
  let i = from;
  if (i < max && i & 1) {
    if ((a[i >> 1]! & 0x0f) !== (b[i >> 1]! & 0x0f)) return 0;
    i++;
  }
  let byte = i >> 1;
  const end = max >> 1;
  while (byte < end && a[byte] === b[byte]) byte++;
  i = byte * 2;
  if (byte < end && a[byte]! >> 4 === b[byte]! >> 4) i++;
  return Math.min(i, max) - from;
}
