/**
 * The node-store changes that hold a genesis state: its trie built bottom-up from the sorted
 * storage (trie/root.ts `buildTrie`), each hashed node taken as it is made. No overlay or
 * `TrieDb` node tree stands in between, which for a genesis of 100,000 accounts held the whole
 * state twice more in memory. The nodes and their reference counts are those a `TrieDb` commit
 * of the same entries gives (genesisTrie.test.ts).
 *
 * A genesis built with `keepTrie` already made these nodes while computing its root: they are
 * kept with it and handed out by the first `genesisTrieCommit`, so the trie is built once.
 */
import { buildTrie, type HashHex, hashKey, type TrieCommit } from "@canary/trie";
import type { Genesis } from "./buildGenesis.ts";

/** Node data is copied into shared chunks of this size: one buffer per chunk, not per node. */
const CHUNK = 1 << 20;

const kept = new WeakMap<object, TrieCommit>();

/** The trie of a genesis's storage and default child tries: its root, and its nodes counted. */
export function collectTrie(genesis: Pick<Genesis, "storage" | "children">): TrieCommit {
  const inserted = new Map<HashHex, { data: Uint8Array; refs: number }>();
  let chunk = new Uint8Array(CHUNK);
  let used = 0;
  const copy = (data: Uint8Array): Uint8Array => {
    if (data.length > CHUNK / 4) return data.slice();
    if (used + data.length > CHUNK) {
      chunk = new Uint8Array(CHUNK);
      used = 0;
    }
    chunk.set(data, used);
    used += data.length;
    return chunk.subarray(used - data.length, used);
  };
  const sink = (hash: Uint8Array, data: Uint8Array): void => {
    const key = hashKey(hash);
    const had = inserted.get(key);
    if (had) had.refs++;
    else inserted.set(key, { data: copy(data), refs: 1 }); // `data` is a view the builder reuses
  };
  const root = buildTrie(genesis.storage, 1, sink);
  // Default child tries: their roots are in the top storage; their nodes join genesis's.
  for (const [, entries] of genesis.children ?? []) if (entries.length > 0) buildTrie(entries, 1, sink);
  return { root, inserted, removed: new Map() };
}

/** Keeps `trie` (collected from `genesis`) for the first `genesisTrieCommit(genesis)`. */
export function keepTrieOf(genesis: Genesis, trie: TrieCommit): void {
  kept.set(genesis, trie);
}

export function genesisTrieCommit(genesis: Pick<Genesis, "storage" | "children">): TrieCommit {
  const trie = kept.get(genesis);
  if (trie === undefined) return collectTrie(genesis);
  kept.delete(genesis); // once: the node writes it, and the memory goes with the genesis's use of it
  return trie;
}
