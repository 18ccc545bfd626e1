/**
 * State pruning (issue 4): the states of the last `keep` finalized blocks (and every unfinalized
 * one) stay readable; older ones are dropped by replaying the state journal. When a canonical
 * block's state leaves the window, the nodes its child removed lose their reference; when
 * finality passes a fork, the fork's blocks are deleted and the nodes they inserted lose theirs.
 * A node is deleted when no retained state references it. Runs in the finalization's batch.
 */
import { bytesEqual, fromHex, toHex } from "@canary/primitives";
import {
  blockNumberHashKey,
  blockNumberKey,
  type DatabaseReader,
  metaKeys,
  type WriteBatch,
} from "../db/index.ts";
import type { BlockStore } from "./blockStore.ts";
import { type DbNodeStore, StateJournal } from "./dbNodeStore.ts";

export type Pruning = number | "archive";

export class StatePruner {
  readonly keep: Pruning;
  readonly #db: DatabaseReader;
  readonly #nodes: DbNodeStore;
  readonly #blocks: BlockStore;

  constructor(db: DatabaseReader, nodes: DbNodeStore, blocks: BlockStore, keep: Pruning) {
    this.#db = db;
    this.#nodes = nodes;
    this.#blocks = blocks;
    this.keep = keep;
  }

  /** The highest canonical height whose state is gone (-1: none). */
  prunedTo(): number {
    const raw = this.#db.get("meta", metaKeys.prunedTo);
    return raw ? new DataView(raw.buffer, raw.byteOffset, 4).getUint32(0) : -1;
  }

  /** Prunes for the move of finality from `from` to `to` (block numbers); writes into `batch`. */
  prune(batch: WriteBatch, from: number, to: number): void {
    if (this.keep === "archive") return;
    const deltas = new Map<string, number>();
    const change = (hash: Uint8Array, by: number) => {
      const id = toHex(hash);
      deltas.set(id, (deltas.get(id) ?? 0) + by);
    };
    // Forks that finality passed, and everything built on them.
    const discarded = new Set<string>();
    for (let height = from + 1; height <= to; height++) {
      const canonical = this.#blocks.hashAt(height)!;
      for (const hash of this.#blocks.hashesAt(height)) {
        if (!bytesEqual(hash, canonical)) this.#discard(batch, hash, height, change, discarded);
      }
    }
    const best = this.#blocks.best().number;
    for (let height = to + 1; height <= best; height++) {
      for (const hash of this.#blocks.hashesAt(height)) {
        const parent = this.#blocks.header(hash)?.parentHash;
        if (parent && discarded.has(toHex(parent))) this.#discard(batch, hash, height, change, discarded);
      }
    }
    // Canonical states that left the window.
    const dropTo = to - this.keep;
    const start = this.prunedTo() + 1;
    for (let height = start; height <= dropTo; height++) {
      const child = this.#blocks.hashAt(height + 1);
      const own = this.#blocks.hashAt(height);
      if (!child || !own) break;
      const journal = this.#journal(height + 1, child);
      if (journal) for (const [hash, refs] of journal[1]) change(hash, -refs);
      batch.delete("stateJournal", blockNumberHashKey(height, own));
    }
    if (dropTo >= start) batch.put("meta", metaKeys.prunedTo, blockNumberKey(dropTo));
    for (const [id, delta] of deltas) {
      if (delta === 0) continue;
      const hash = fromHex(id);
      const refs = this.#nodes.refCount(hash) + delta;
      if (refs <= 0) {
        batch.delete("trieNode", hash);
        batch.delete("trieNodeRefs", hash);
      } else {
        const out = new Uint8Array(4);
        new DataView(out.buffer).setUint32(0, refs);
        batch.put("trieNodeRefs", hash, out);
      }
    }
  }

  #journal(number: number, hash: Uint8Array) {
    const raw = this.#db.get("stateJournal", blockNumberHashKey(number, hash));
    return raw ? StateJournal.dec(raw) : undefined;
  }

  #discard(
    batch: WriteBatch,
    hash: Uint8Array,
    height: number,
    change: (hash: Uint8Array, by: number) => void,
    discarded: Set<string>,
  ): void {
    const journal = this.#journal(height, hash);
    if (journal) for (const [node, refs] of journal[0]) change(node, -refs);
    batch.delete("stateJournal", blockNumberHashKey(height, hash));
    batch.delete("header", hash);
    batch.delete("body", hash);
    batch.delete("blockNumber", blockNumberHashKey(height, hash));
    discarded.add(toHex(hash));
  }
}
