/**
 * The changes one runtime call or one block makes over its parent's state (DESIGN.md §1): reads
 * fall through to the backend (the parent's trie), writes stay here until the node commits them.
 * Nested storage transactions keep an undo journal per layer, so a failing dispatch rolls back
 * exactly its own writes at the cost of what it wrote, whatever the block's size.
 */

import type { ClearPrefixOutcome } from "@canary/frame";
import { AppendedVec, compareBytes, keyId, Slab } from "@canary/primitives";
import { OverlayError } from "./errors.ts";

/** Read access to the parent's state; `TrieDb` is one. */
export interface StateBackend {
  get(key: Uint8Array): Uint8Array | undefined;
  /** The first key strictly after `key`. */
  nextKey(key: Uint8Array): Uint8Array | undefined;
}

/** The store operations `clearKeysUnder` walks with. */
export interface KeyWalk {
  exists(key: Uint8Array): boolean;
  nextKey(key: Uint8Array): Uint8Array | undefined;
  clear(key: Uint8Array): void;
}

/** Removes up to `limit` keys under `prefix` from `store`, in key order (all when undefined). */
export function clearKeysUnder(store: KeyWalk, prefix: Uint8Array, limit?: number): ClearPrefixOutcome {
  let removed = 0;
  let cursor: Uint8Array | undefined = store.exists(prefix) ? prefix : store.nextKey(prefix);
  while (cursor !== undefined && startsWith(cursor, prefix)) {
    if (limit !== undefined && removed >= limit) return { removed, complete: false };
    const next = store.nextKey(cursor);
    store.clear(cursor);
    removed++;
    cursor = next;
  }
  return { removed, complete: true };
}

/** A changed key: a plain value, a deletion (undefined), or appended items. */
interface Change {
  readonly key: Uint8Array;
  readonly value: Uint8Array | undefined;
  readonly appended?: AppendedVec;
}

const currentValue = (c: Change): Uint8Array | undefined => (c.appended ? c.appended.encode() : c.value);
const isDeletion = (c: Change): boolean => c.appended === undefined && c.value === undefined;

export class StateOverlay {
  readonly backend: StateBackend;
  readonly #changes = new Map<string, Change>();
  /** Per open transaction: each key's entry before its first write in that layer (undefined: unchanged). */
  readonly #journal: Array<Map<string, Change | undefined>> = [];
  /** Changed keys in byte order, rebuilt lazily after the key set changed. */
  #sorted: Uint8Array[] | undefined = [];
  /** Keys touched since `takeDirty()`: the root computation re-applies only these. */
  #dirty = new Map<string, Uint8Array>();
  /**
   * Where the keys and values written here are copied: a block's writes live as long as the block's
   * state, and an 80-byte account in an array of its own costs ten times a view (see slab.ts).
   */
  readonly #copies = new Slab();

  /**
   * A faster reader of the parent's state that may be wrong for keys touched since the last
   * `takeDirty()` (the block's working trie, which holds the changes of the last root: a change
   * rolled back since is still in it). Keys not touched since are read here.
   */
  readonly #settled: StateBackend | undefined;

  constructor(backend: StateBackend, settled?: StateBackend) {
    this.backend = backend;
    this.#settled = settled;
  }

  /** The parent's value of an unchanged key. */
  #base(id: string, key: Uint8Array): Uint8Array | undefined {
    return this.#settled !== undefined && !this.#dirty.has(id)
      ? this.#settled.get(key)
      : this.backend.get(key);
  }

  get transactionDepth(): number {
    return this.#journal.length;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    const id = keyId(key);
    const change = this.#changes.get(id);
    return change ? currentValue(change) : this.#base(id, key);
  }

  exists(key: Uint8Array): boolean {
    return this.get(key) !== undefined;
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.#put(key, this.#copies.copy(value), undefined);
  }

  clear(key: Uint8Array): void {
    this.#put(key, undefined, undefined);
  }

  #put(key: Uint8Array, value: Uint8Array | undefined, appended: AppendedVec | undefined): void {
    const id = keyId(key);
    const previous = this.#changes.get(id);
    const layer = this.#journal.at(-1);
    if (layer && !layer.has(id)) layer.set(id, previous);
    if (!previous) this.#sorted = undefined;
    const stored = previous ? previous.key : this.#copies.copy(key);
    this.#changes.set(id, appended ? { key: stored, value: undefined, appended } : { key: stored, value });
    this.#dirty.set(id, stored);
  }

  /** The first key strictly after `key` across changes and backend, skipping deleted keys. */
  nextKey(key: Uint8Array): Uint8Array | undefined {
    const sorted = this.#sortedKeys();
    let i = upperBound(sorted, key);
    // A changed key's overlay entry decides it: skip it on the backend side, and skip deletions.
    let backend = this.backend.nextKey(key);
    while (backend !== undefined && this.#changes.has(keyId(backend)))
      backend = this.backend.nextKey(backend);
    while (i < sorted.length && isDeletion(this.#changes.get(keyId(sorted[i]!))!)) i++;
    const mine = sorted[i];
    if (mine === undefined) return backend?.slice();
    if (backend === undefined || compareBytes(mine, backend) < 0) return mine.slice();
    return backend.slice();
  }

  /** Removes up to `limit` keys under `prefix` in key order (all when undefined). */
  clearPrefix(prefix: Uint8Array, limit?: number): ClearPrefixOutcome {
    return clearKeysUnder(this, prefix, limit);
  }

  /**
   * Appends an encoded item to the SCALE `Vec` at `key` (`ext_storage_append`). A missing or
   * malformed value becomes a one-item vector, as Substrate's.
   */
  append(key: Uint8Array, item: Uint8Array): void {
    const id = keyId(key);
    const previous = this.#changes.get(id);
    const base = previous?.appended ?? AppendedVec.from(previous ? previous.value : this.#base(id, key));
    this.#put(key, undefined, base.with(item));
  }

  startTransaction(): void {
    this.#journal.push(new Map());
  }

  commitTransaction(): void {
    const layer = this.#journal.pop();
    if (!layer) throw new OverlayError("STATE_NO_TRANSACTION", "commit without an open storage transaction");
    const outer = this.#journal.at(-1);
    if (!outer) return;
    // The outer layer keeps its own earlier entry for keys it had already journaled.
    for (const [id, previous] of layer) if (!outer.has(id)) outer.set(id, previous);
  }

  rollbackTransaction(): void {
    const layer = this.#journal.pop();
    if (!layer)
      throw new OverlayError("STATE_NO_TRANSACTION", "rollback without an open storage transaction");
    for (const [id, previous] of layer) {
      const current = this.#changes.get(id)!;
      this.#dirty.set(id, current.key);
      if (previous) this.#changes.set(id, previous);
      else {
        this.#changes.delete(id);
        this.#sorted = undefined;
      }
    }
  }

  /** Every change, in key order. Only between transactions: an open one is not settled yet. */
  changes(): Array<[Uint8Array, Uint8Array | undefined]> {
    if (this.#journal.length > 0) {
      throw new OverlayError(
        "STATE_TRANSACTION_OPEN",
        "changes read while a storage transaction is still open",
      );
    }
    return this.#sortedKeys().map((k) => [k, currentValue(this.#changes.get(keyId(k))!)]);
  }

  /** Keys changed (or rolled back) since the last call, with their current values. */
  takeDirty(): Array<[Uint8Array, Uint8Array | undefined]> {
    const dirty: Array<[Uint8Array, Uint8Array | undefined]> = [];
    for (const [id, key] of this.#dirty) {
      const change = this.#changes.get(id);
      dirty.push([key, change ? currentValue(change) : this.backend.get(key)]);
    }
    this.#dirty = new Map();
    return dirty;
  }

  #sortedKeys(): Uint8Array[] {
    // Ids have one char per byte, so the default (UTF-16 unit) string order is the keys' byte
    // order, and sorting strings is far cheaper than comparing arrays.
    this.#sorted ??= [...this.#changes.keys()].sort().map((id) => this.#changes.get(id)!.key);
    return this.#sorted;
  }
}

/** Index of the first key strictly greater than `key`. */
function upperBound(sorted: Uint8Array[], key: Uint8Array): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareBytes(sorted[mid]!, key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function startsWith(key: Uint8Array, prefix: Uint8Array): boolean {
  if (key.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (key[i] !== prefix[i]) return false;
  return true;
}
