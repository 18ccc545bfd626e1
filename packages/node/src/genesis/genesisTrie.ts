/**
 * The node-store changes that hold a genesis state: its trie built bottom-up from the sorted
 * storage (trie/root.ts `buildTrie`), each hashed node taken as it is made. No overlay or
 * `TrieDb` node tree stands in between, which for a genesis of 100,000 accounts held the whole
 * state twice more in memory. The nodes and their reference counts are those a `TrieDb` commit
 * of the same entries gives (genesisTrie.test.ts).
 */
import { buildTrie, type HashHex, hashKey, type TrieCommit } from "@canary/trie";
import type { Genesis } from "./buildGenesis.ts";

export function genesisTrieCommit(genesis: Pick<Genesis, "storage" | "children">): TrieCommit {
  const inserted = new Map<HashHex, { data: Uint8Array; refs: number }>();
  const sink = (hash: Uint8Array, data: Uint8Array): void => {
    const key = hashKey(hash);
    const had = inserted.get(key);
    if (had) had.refs++;
    else inserted.set(key, { data: data.slice(), refs: 1 }); // `data` is a view the builder reuses
  };
  const root = buildTrie(genesis.storage, 1, sink);
  // Default child tries: their roots are in the top storage; their nodes join genesis's.
  for (const [, entries] of genesis.children ?? []) if (entries.length > 0) buildTrie(entries, 1, sink);
  return { root, inserted, removed: new Map() };
}
