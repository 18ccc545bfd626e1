/**
 * The state trie's nodes in the database (`trieNode`, `trieNodeRefs`, `stateJournal`). A block's
 * import adds the nodes its state change inserted (reference counts up) and journals what it
 * inserted and removed; the removed nodes stay until pruning lets the parent's state go, so every
 * retained block's state can still be read.
 */
import { FixedBytes, fromHex, Tuple, u32, Vec } from "@canary/primitives";
import type { NodeStore, TrieCommit } from "@canary/trie";
import type { DatabaseReader, WriteBatch } from "../db/index.ts";
import { blockNumberHashKey } from "../db/index.ts";

const Hash = FixedBytes(32, "node hash");
/** (inserted, removed) as (hash, occurrences) lists. */
export const StateJournal = Tuple(Vec(Tuple(Hash, u32)), Vec(Tuple(Hash, u32)));

export class DbNodeStore implements NodeStore {
  readonly #db: DatabaseReader;

  constructor(db: DatabaseReader) {
    this.#db = db;
  }

  get(hash: Uint8Array): Uint8Array | undefined {
    return this.#db.get("trieNode", hash);
  }

  refCount(hash: Uint8Array): number {
    const raw = this.#db.get("trieNodeRefs", hash);
    return raw ? new DataView(raw.buffer, raw.byteOffset, 4).getUint32(0) : 0;
  }

  /**
   * Records a block's state change in `batch`: inserted nodes gain their occurrences (stored when
   * new), and the change is journaled under the block for pruning to replay.
   */
  writeCommit(batch: WriteBatch, number: number, blockHash: Uint8Array, commit: TrieCommit): void {
    const inserted: Array<[Uint8Array, number]> = [];
    for (const [hex, { data, refs }] of commit.inserted) {
      const hash = fromHex(hex);
      const before = this.refCount(hash);
      if (before === 0) batch.put("trieNode", hash, data);
      batch.put("trieNodeRefs", hash, u32be(before + refs));
      inserted.push([hash, refs]);
    }
    const removed = [...commit.removed].map(([hex, refs]): [Uint8Array, number] => [fromHex(hex), refs]);
    batch.put("stateJournal", blockNumberHashKey(number, blockHash), StateJournal.enc([inserted, removed]));
  }
}

function u32be(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}
