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
  #inserted = new Map<HashHex, { data: Uint8Array; refs: number }>();
  #removed = new Map<HashHex, number>();
  /** More than one trie commit was added up here: `commit()` must net them. */
  #merged = false;
  #root: Uint8Array;

  constructor(options: BlockStateOptions) {
    this.#work = new TrieDb(options.store, options.root);
    // Reads go through the working trie where it agrees with the parent: its nodes are then
    // loaded once, for the read and for the root.
    this.overlay = new StateOverlay(new TrieDb(options.store, options.root), this.#work);
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
    if (this.#inserted.size === 0 && this.#removed.size === 0) {
      // The first root of a block (usually its only one) is taken as it is, not merged entry by entry.
      this.#inserted = commit.inserted;
      this.#removed = commit.removed;
    } else {
      this.#merged = true;
      for (const [hash, entry] of commit.inserted) {
        const had = this.#inserted.get(hash);
        this.#inserted.set(hash, { data: entry.data, refs: (had?.refs ?? 0) + entry.refs });
      }
      for (const [hash, refs] of commit.removed)
        this.#removed.set(hash, (this.#removed.get(hash) ?? 0) + refs);
    }
    this.#root = commit.root;
    return commit.root.slice();
  }

  /**
   * The block's node-store changes: what became referenced and what stopped being, netted. The
   * maps may be this state's own: read them, do not change them.
   */
  commit(stateVersion: 0 | 1 = 1): TrieCommit {
    const root = this.root(stateVersion);
    // One trie commit is netted already (a hash gained or lost, never both).
    if (!this.#merged) return { root, inserted: this.#inserted, removed: this.#removed };
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
