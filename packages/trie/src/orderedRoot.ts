import { Writer, writeCompact } from "@canary/primitives";
import { trieRoot } from "./root.ts";

/** The key of the `index`-th item of an ordered trie: SCALE `Compact<u32>(index)`. */
export function orderedTrieKey(index: number): Uint8Array {
  const w = new Writer(5);
  writeCompact(w, index);
  return w.finish();
}

/**
 * Substrate's `ordered_trie_root`: the trie of `values` keyed by their position. The extrinsics
 * root uses it with each extrinsic's full encoding (length prefix included), state version 0.
 */
export function orderedTrieRoot(values: readonly Uint8Array[], stateVersion: 0 | 1 = 0): Uint8Array {
  return trieRoot(
    values.map((v, i) => [orderedTrieKey(i), v] as const),
    stateVersion,
  );
}
