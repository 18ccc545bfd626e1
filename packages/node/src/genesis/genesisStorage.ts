/**
 * The state a genesis is built in: a plain map from key to value, with no parent state, no trie
 * and no per-key change records. Keys and values are kept as one-char-per-byte strings (string
 * order is then byte order), so 100,000 accounts hold no typed array each; the sorted entries are
 * handed out at the end in two shared buffers. Nested storage transactions keep an undo journal
 * only while one is open; `nextKey` and prefix removal use a sorted index built on first use.
 */
import type { ClearPrefixOutcome } from "@canary/frame";
import { appendToVec } from "@canary/primitives";
import { EMPTY_TRIE_ROOT, MemoryNodeStore, trieRoot } from "@canary/trie";
import { BlockState, clearKeysUnder, NodeHost } from "../overlay/index.ts";
import { GenesisError } from "./errors.ts";

/** Bytes as a string of one char (0-255) per byte. */
export function byteString(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

/** The bytes of a `byteString`, in a buffer of their own. */
function bytesOf(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  Buffer.from(out.buffer).write(s, 0, "latin1");
  return out;
}

/** Many `byteString`s as views of one buffer: one allocation instead of one per key. */
function bytesOfAll(strings: readonly string[]): Uint8Array[] {
  let total = 0;
  for (const s of strings) total += s.length;
  const slab = Buffer.allocUnsafeSlow(total);
  const out = new Array<Uint8Array>(strings.length);
  let at = 0;
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i]!;
    slab.write(s, at, "latin1");
    out[i] = new Uint8Array(slab.buffer, slab.byteOffset + at, s.length);
    at += s.length;
  }
  return out;
}

/** Storage of a genesis being built: what the host API's storage functions act on. */
export class GenesisStorage {
  readonly #values = new Map<string, string>();
  /** Per open transaction: each key's value before its first write in that layer (undefined: absent). */
  readonly #journal: Array<Map<string, string | undefined>> = [];
  /** Every key ever written, sorted (deleted ones included: lookups skip them); built when first needed. */
  #sorted: string[] | undefined;
  /** Keys added since `#sorted` was built. */
  #pending: string[] = [];

  get size(): number {
    return this.#values.size;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    const value = this.#values.get(byteString(key));
    return value === undefined ? undefined : bytesOf(value);
  }

  exists(key: Uint8Array): boolean {
    return this.#values.has(byteString(key));
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.#write(byteString(key), byteString(value));
  }

  clear(key: Uint8Array): void {
    this.#write(byteString(key), undefined);
  }

  /** `ext_storage_append`: a missing or malformed value becomes a one-item vector, as Substrate's. */
  append(key: Uint8Array, item: Uint8Array): void {
    const id = byteString(key);
    const existing = this.#values.get(id);
    this.#write(id, byteString(appendToVec(existing === undefined ? undefined : bytesOf(existing), item)));
  }

  /** The first key after `key` in byte order. */
  nextKey(key: Uint8Array): Uint8Array | undefined {
    const sorted = this.#index();
    const id = byteString(key);
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! <= id) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sorted.length; i++) if (this.#values.has(sorted[i]!)) return bytesOf(sorted[i]!);
    return undefined;
  }

  clearPrefix(prefix: Uint8Array, limit?: number): ClearPrefixOutcome {
    return clearKeysUnder(this, prefix, limit);
  }

  startTransaction(): void {
    this.#journal.push(new Map());
  }

  commitTransaction(): void {
    const layer = this.#journal.pop();
    if (!layer)
      throw new GenesisError("GENESIS_NO_TRANSACTION", "commit without an open storage transaction");
    const outer = this.#journal.at(-1);
    if (outer) for (const [id, before] of layer) if (!outer.has(id)) outer.set(id, before);
  }

  rollbackTransaction(): void {
    const layer = this.#journal.pop();
    if (!layer)
      throw new GenesisError("GENESIS_NO_TRANSACTION", "rollback without an open storage transaction");
    for (const [id, before] of layer) {
      if (before === undefined) this.#values.delete(id);
      else this.#values.set(id, before); // it was there before, so the index has it
    }
  }

  /** The entries in key order. */
  entries(): Array<[Uint8Array, Uint8Array]> {
    const ids = [...this.#values.keys()].sort();
    const keys = bytesOfAll(ids);
    const values = bytesOfAll(ids.map((id) => this.#values.get(id)!));
    return keys.map((k, i) => [k, values[i]!]);
  }

  root(stateVersion: 0 | 1): Uint8Array {
    return trieRoot(this.entries(), stateVersion);
  }

  #write(id: string, value: string | undefined): void {
    const layer = this.#journal.at(-1);
    const before = this.#values.get(id);
    if (layer && !layer.has(id)) layer.set(id, before);
    if (value === undefined) {
      this.#values.delete(id);
      return;
    }
    if (before === undefined && this.#sorted !== undefined) this.#pending.push(id);
    this.#values.set(id, value);
  }

  #index(): string[] {
    if (this.#sorted === undefined) {
      this.#sorted = [...this.#values.keys()].sort();
      this.#pending = [];
    } else if (this.#pending.length > 0) {
      const added = this.#pending.sort();
      const merged: string[] = [];
      const old = this.#sorted;
      let i = 0;
      let j = 0;
      while (i < old.length || j < added.length) {
        const next = j >= added.length || (i < old.length && old[i]! <= added[j]!) ? old[i++]! : added[j++]!;
        if (merged.at(-1) !== next) merged.push(next);
      }
      this.#sorted = merged;
      this.#pending = [];
    }
    return this.#sorted;
  }
}

/** The node's host API over a `GenesisStorage`: storage there, everything else as a node's. */
export class GenesisHost extends NodeHost {
  readonly storage: GenesisStorage;

  constructor(storage = new GenesisStorage()) {
    super(new BlockState({ store: new MemoryNodeStore(), root: EMPTY_TRIE_ROOT }));
    this.storage = storage;
  }

  override storageGet(key: Uint8Array): Uint8Array | undefined {
    return this.storage.get(key);
  }
  override storageSet(key: Uint8Array, value: Uint8Array): void {
    this.storage.set(key, value);
  }
  override storageClear(key: Uint8Array): void {
    this.storage.clear(key);
  }
  override storageExists(key: Uint8Array): boolean {
    return this.storage.exists(key);
  }
  override storageClearPrefix(prefix: Uint8Array, limit?: number): ClearPrefixOutcome {
    return this.storage.clearPrefix(prefix, limit);
  }
  override storageNextKey(key: Uint8Array): Uint8Array | undefined {
    return this.storage.nextKey(key);
  }
  override storageAppend(key: Uint8Array, item: Uint8Array): void {
    this.storage.append(key, item);
  }
  override storageRoot(stateVersion: 0 | 1): Uint8Array {
    return this.storage.root(stateVersion);
  }
  override storageStartTransaction(): void {
    this.storage.startTransaction();
  }
  override storageCommitTransaction(): void {
    this.storage.commitTransaction();
  }
  override storageRollbackTransaction(): void {
    this.storage.rollbackTransaction();
  }
}
