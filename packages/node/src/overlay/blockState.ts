/**
 * A block's state in the making: an overlay over the parent's trie, plus a working copy of that
 * trie that the overlay's changes are applied to whenever the runtime asks for the root
 * (`ext_storage_root`), so later roots only re-hash what changed since. `commit()` gives the
 * node-store changes the database writes with the block.
 */
import { type HashHex, type NodeStore, type TrieCommit, TrieDb } from "@canary/trie";
import { StateOverlay } from "./stateOverlay.ts";

export interface BlockStateOptions {
  store: NodeStore;
  /** The parent's state root. */
  root: Uint8Array;
}

export class BlockState {
  readonly overlay: StateOverlay;
  readonly #work: TrieDb;
  readonly #inserted = new Map<HashHex, { data: Uint8Array; refs: number }>();
  readonly #removed = new Map<HashHex, number>();
  #root: Uint8Array;

  constructor(options: BlockStateOptions) {
    this.overlay = new StateOverlay(new TrieDb(options.store, options.root));
    this.#work = new TrieDb(options.store, options.root);
    this.#root = options.root.slice();
  }

  /** The root of the parent's state with every change so far. */
  root(stateVersion: 0 | 1): Uint8Array {
    const dirty = this.overlay.takeDirty();
    if (dirty.length === 0 && this.#work.stateVersion === stateVersion) return this.#root.slice();
    this.#work.stateVersion = stateVersion;
    for (const [key, value] of dirty) {
      if (value === undefined) this.#work.delete(key);
      else this.#work.set(key, value);
    }
    const commit = this.#work.commit();
    for (const [hash, entry] of commit.inserted) {
      const had = this.#inserted.get(hash);
      this.#inserted.set(hash, { data: entry.data, refs: (had?.refs ?? 0) + entry.refs });
    }
    for (const [hash, refs] of commit.removed) this.#removed.set(hash, (this.#removed.get(hash) ?? 0) + refs);
    this.#root = commit.root;
    return commit.root.slice();
  }

  /** The block's node-store changes: what became referenced and what stopped being, netted. */
  commit(stateVersion: 0 | 1 = 1): TrieCommit {
    const root = this.root(stateVersion);
    const inserted = new Map<HashHex, { data: Uint8Array; refs: number }>();
    const removed = new Map(this.#removed);
    for (const [hash, entry] of this.#inserted) {
      const gone = removed.get(hash) ?? 0;
      const net = entry.refs - gone;
      if (net > 0) inserted.set(hash, { data: entry.data, refs: net });
      if (net >= 0) removed.delete(hash);
      else removed.set(hash, -net);
    }
    return { root, inserted, removed };
  }
}
