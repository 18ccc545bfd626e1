/** A genesis trie as one commit, every node in memory: the reference the streamed write is checked against. */
import { hashKey, type TrieCommit } from "@canary/trie";
import { type Genesis, genesisTrie } from "../../packages/node/src/genesis/index.ts";

export function genesisTrieCommit(genesis: Pick<Genesis, "storage" | "children">): TrieCommit {
  const inserted: TrieCommit["inserted"] = new Map();
  const root = genesisTrie(genesis, (hash, data) => {
    const key = hashKey(hash);
    const had = inserted.get(key);
    if (had) had.refs++;
    else inserted.set(key, { data: data.slice(), refs: 1 }); // `data` is a view the builder reuses
  });
  return { root, inserted, removed: new Map() };
}
