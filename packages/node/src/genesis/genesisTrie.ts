/**
 * The trie that holds a genesis state, built bottom-up from the sorted storage (trie/root.ts
 * `buildTrie`), each hashed node handed on as it is made: the chain streams them into the
 * database (DbNodeStore.writeGenesis), so the trie is never whole in memory. No overlay or
 * `TrieDb` node tree stands in between, which for a genesis of 100,000 accounts held the whole
 * state twice more. The nodes and their reference counts are those a `TrieDb` commit of the same
 * entries gives (genesisTrie.test.ts).
 */
import { buildTrie, type NodeSink } from "@canary/trie";
import type { Genesis } from "./buildGenesis.ts";

/** Builds the trie of a genesis's storage and default child tries, node by node into `sink`; its root. */
export function genesisTrie(genesis: Pick<Genesis, "storage" | "children">, sink: NodeSink): Uint8Array {
  const root = buildTrie(genesis.storage, 1, sink);
  // Default child tries: their roots are in the top storage; their nodes join genesis's.
  for (const [, entries] of genesis.children ?? []) if (entries.length > 0) buildTrie(entries, 1, sink);
  return root;
}
