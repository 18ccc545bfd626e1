/**
 * The state trie's nodes in the database (`trieNode`, `trieNodeRefs`, `stateJournal`). A block's
 * import adds the nodes its state change inserted (reference counts up) and journals what it
 * inserted and removed; the removed nodes stay until pruning lets the parent's state go, so every
 * retained block's state can still be read.
 */
import { FixedBytes, Tuple, u32, Vec, Writer, writeCompact } from "@canary/primitives";
import type { NodeSink, NodeStore, TrieCommit } from "@canary/trie";
import type { DatabaseReader, WriteBatch } from "../db/index.ts";
import { blockNumberHashKey } from "../db/index.ts";
import { byteString } from "../genesis/genesisStorage.ts";

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
    return raw ? ((raw[0]! << 24) | (raw[1]! << 16) | (raw[2]! << 8) | raw[3]!) >>> 0 : 0;
  }

  /**
   * Records a block's state change in `batch`: inserted nodes gain their occurrences (stored when
   * new), and the change is journaled under the block for pruning to replay.
   */
  writeCommit(batch: WriteBatch, number: number, blockHash: Uint8Array, commit: TrieCommit): void {
    const inserted: Array<[Uint8Array, number]> = [];
    for (const [hex, { data, refs }] of commit.inserted) {
      const hash = hashOf(hex);
      const before = this.refCount(hash);
      if (before === 0) batch.put("trieNode", hash, data);
      batch.put("trieNodeRefs", hash, u32be(before + refs));
      inserted.push([hash, refs]);
    }
    const removed = [...commit.removed].map(([hex, refs]): [Uint8Array, number] => [hashOf(hex), refs]);
    batch.put("stateJournal", blockNumberHashKey(number, blockHash), StateJournal.enc([inserted, removed]));
  }
}

/** Writes per batch (one LMDB transaction each) while genesis's trie goes in. */
export const GENESIS_BATCH = 16_384;
/**
 * Batches between the garbage collections a genesis write asks for: V8 grows its heap for the
 * batches' garbage rather than collect it, so that 100,000 accounts peaked at 359–407 MiB; with a
 * collection every 8 batches (two in all) at 338–340 MiB, for ~0.15 s.
 */
export const GENESIS_COLLECT_EVERY = 8;

export interface GenesisWriteOptions {
  /** Writes per batch (default GENESIS_BATCH). */
  readonly batchSize?: number;
  /** A full garbage collection, run after every `collectEvery` committed batches. */
  readonly collectGarbage?: () => void;
  /** Default GENESIS_COLLECT_EVERY. */
  readonly collectEvery?: number;
}
/** Node data is copied into shared chunks of this size: one buffer per chunk, not per node. */
const CHUNK = 1 << 20;

export interface GenesisTrieWrite {
  /** The root the trie was built to (the caller checks it against the genesis header). */
  readonly root: Uint8Array;
  /** The last batch, uncommitted: the journal is in it, the caller adds the block's records. */
  readonly batch: WriteBatch;
}

/**
 * Writes genesis's trie as `build` makes it (`build(sink)` hands every node occurrence to `sink`
 * and returns the root): the nodes are gathered compactly (their data in shared chunks), then go
 * to the database in order of hash, in batches (`options`). In hash order each LMDB transaction
 * only touches the right edge of the tables' B-trees: one transaction for 137,000 nodes (100,000
 * accounts) held ~130 MiB of dirty pages, and batches in the builder's order made the whole file
 * resident instead. Counts are written as they are, not added to stored ones: a write cut short
 * (a crash) left no genesis block, so the next start writes it all again and the counts come out
 * the same.
 */
export function writeGenesisTrie(
  newBatch: () => WriteBatch,
  blockHash: Uint8Array,
  build: (sink: NodeSink) => Uint8Array,
  options: GenesisWriteOptions = {},
): GenesisTrieWrite {
  const { batchSize = GENESIS_BATCH, collectGarbage, collectEvery = GENESIS_COLLECT_EVERY } = options;
  // Each node by its hash as a one-byte-per-char string (string order is byte order).
  const nodes = new Map<string, { data: Uint8Array; refs: number }>();
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
  const root = build((hash, data) => {
    const id = byteString(hash);
    const had = nodes.get(id);
    if (had) had.refs++;
    else nodes.set(id, { data: copy(data), refs: 1 }); // `data` is a view the builder reuses
  });
  const ids = [...nodes.keys()].sort();
  // The journal lists what genesis inserted, as a block's does: (hash, occurrences), SCALE.
  const journal = new Writer(10 + ids.length * 36);
  writeCompact(journal, ids.length);
  let batch = newBatch();
  let committed = 0;
  for (const id of ids) {
    const { data, refs } = nodes.get(id)!;
    const hash = new Uint8Array(Buffer.from(id, "latin1"));
    batch.put("trieNode", hash, data).put("trieNodeRefs", hash, u32be(refs));
    journal.bytes(hash);
    journal.u32(refs);
    if (batch.size >= batchSize) {
      batch.commit();
      batch = newBatch();
      if (collectGarbage && ++committed % collectEvery === 0) collectGarbage();
    }
  }
  writeCompact(journal, 0); // nothing removed
  batch.put("stateJournal", blockNumberHashKey(0, blockHash), journal.finish());
  return { root, batch };
}

// Bytes by hand: a DataView would make V8 give the small array an ArrayBuffer, which costs more.
function u32be(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/** A hash back from its map key (`hashKey`'s hex, which the trie made: no need to validate it). */
function hashOf(hex: string): Uint8Array {
  return Buffer.from(hex.slice(2), "hex");
}
