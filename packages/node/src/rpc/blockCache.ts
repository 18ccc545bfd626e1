/**
 * Answers that cost a runtime call and are the same for every caller at a block (metadata), kept
 * for the last few blocks asked about: a batch of a thousand `state_getMetadata` calls runs the
 * runtime once, and each answer after the first is the same string, not a new copy.
 */
import { toHex } from "@canary/primitives";

export function cachedByBlock<T>(size: number, compute: (hash: Uint8Array) => T): (hash: Uint8Array) => T {
  const cache = new Map<string, T>();
  return (hash) => {
    const key = toHex(hash);
    const hit = cache.get(key);
    if (hit !== undefined) {
      cache.delete(key); // most recently used goes last
      cache.set(key, hit);
      return hit;
    }
    const value = compute(hash);
    cache.set(key, value);
    if (cache.size > size) cache.delete(cache.keys().next().value!);
    return value;
  };
}
