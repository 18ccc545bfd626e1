/**
 * Where a stored trie's nodes live. The trie reads nodes through `NodeStore.get` and never
 * writes: `TrieDb.commit()` returns what changed, so the host can write a whole block's
 * changes in one database transaction (DESIGN.md §6).
 *
 * Nodes and hashed values are content-addressed by blake2_256 and reference-counted: the same
 * bytes can occur at several places of one trie (identical subtrees; equal 33+ byte values are
 * common), so an entry may only be deleted when its last occurrence is gone.
 */
import { toHex } from "@canary/primitives";
import { TrieError } from "./errors.ts";

/** A node or hashed value's key in maps: `0x`-prefixed lower-case hex of its hash. */
export type HashHex = `0x${string}`;

const DIGITS = Uint16Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
let chars = new Uint16Array(66);

/**
 * `toHex(hash)`, built in one flat string: keys are made for every node a commit touches, and
 * a concatenated string costs dozens of intermediate strings before a Map can hash it.
 */
export function hashKey(hash: Uint8Array): HashHex {
  if (hash.length > 64) return toHex(hash); // long keys (proof results): stay clear of apply()'s argument limit
  const length = 2 + 2 * hash.length;
  if (chars.length < length) chars = new Uint16Array(length);
  chars[0] = 48; // "0"
  chars[1] = 120; // "x"
  for (let i = 0; i < hash.length; i++) {
    const b = hash[i]!;
    chars[2 + 2 * i] = DIGITS[b >> 4]!;
    chars[3 + 2 * i] = DIGITS[b & 15]!;
  }
  const view = length === chars.length ? chars : chars.subarray(0, length);
  return String.fromCharCode.apply(null, view as unknown as number[]) as HashHex;
}

export interface NodeStore {
  /** The encoded node, or the value, whose blake2_256 hash is `hash`. */
  get(hash: Uint8Array): Uint8Array | undefined;
}

/** What a commit changed in the node store. */
export interface TrieCommit {
  /** The new state root. */
  root: Uint8Array;
  /** Entries that gained occurrences: hash → bytes and how many occurrences were added. */
  inserted: Map<HashHex, { data: Uint8Array; refs: number }>;
  /** Entries that lost occurrences: hash → how many. */
  removed: Map<HashHex, number>;
}

const CHUNK = 1 << 20;

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * An in-memory, reference-counted node store (tests, benchmarks, light use), built for
 * millions of small nodes: an open-addressing table keyed by the hash bytes themselves (no
 * strings), entry fields in typed arrays, and bytes copied into 1 MiB chunks that are never
 * overwritten, so arrays handed out stay valid. Removed bytes are reclaimed by compaction once
 * they outweigh the live ones. The table places entries by their hash's first bytes: fine for
 * blake2 outputs, but not hardened against deliberately ground hashes (the node uses LMDB).
 */
export class MemoryNodeStore implements NodeStore {
  private slots = new Int32Array(1024); // entry id + 1; 0 = free
  private hashes = new Uint8Array(32 * 512);
  private refs = new Int32Array(512);
  private chunkOf = new Int32Array(512);
  private offsetOf = new Int32Array(512);
  private lengthOf = new Int32Array(512);
  private chunks: Uint8Array[] = [];
  private current = -1; // the chunk small entries are being added to
  private used = 0; // its fill
  private readonly freeIds: number[] = [];
  private nextId = 0;
  private count = 0;
  private liveBytes = 0;
  private deadBytes = 0;
  private readonly parsed = new Uint8Array(32);

  get(hash: Uint8Array): Uint8Array | undefined {
    if (hash.length !== 32) return undefined;
    const slot = this.find(hash);
    return slot < 0 ? undefined : this.bytesOf(this.slots[slot]! - 1);
  }

  /** Adds `refs` occurrences of an entry; the bytes are copied (a `NodeSink` for `buildTrie`). */
  insert(hash: Uint8Array | HashHex, data: Uint8Array, refs = 1): void {
    const h = this.hashBytes(hash);
    const slot = this.find(h);
    if (slot >= 0) {
      this.refs[this.slots[slot]! - 1]! += refs;
      return;
    }
    const id = this.freeIds.pop() ?? this.nextId++;
    if (id >= this.refs.length) this.growEntries();
    this.hashes.set(h, id * 32);
    this.refs[id] = refs;
    this.place(id, data);
    this.slots[-slot - 1] = id + 1;
    if (++this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2);
  }

  /** Drops `refs` occurrences; the entry goes with its last one. */
  remove(hash: Uint8Array | HashHex, refs = 1): void {
    const h = this.hashBytes(hash);
    const slot = this.find(h);
    const id = slot < 0 ? -1 : this.slots[slot]! - 1;
    const held = id < 0 ? 0 : this.refs[id]!;
    if (held < refs) {
      const name = typeof hash === "string" ? hash : hashKey(hash);
      throw new TrieError("TRIE_STORE_UNDERFLOW", `${name} has ${held} reference(s), ${refs} dropped`);
    }
    this.refs[id] = held - refs;
    if (held > refs) return;
    this.unslot(slot);
    this.count--;
    this.freeIds.push(id);
    this.liveBytes -= this.lengthOf[id]!;
    this.deadBytes += this.lengthOf[id]!;
    if (this.deadBytes > CHUNK && this.deadBytes > this.liveBytes) this.compact();
  }

  /** Applies a commit: its insertions first, then its removals. */
  apply(commit: Pick<TrieCommit, "inserted" | "removed">): void {
    for (const [key, { data, refs }] of commit.inserted) this.insert(key, data, refs);
    for (const [key, refs] of commit.removed) this.remove(key, refs);
  }

  refCount(hash: Uint8Array | HashHex): number {
    const slot = this.find(this.hashBytes(hash));
    return slot < 0 ? 0 : this.refs[this.slots[slot]! - 1]!;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by live entries. */
  get bytes(): number {
    return this.liveBytes;
  }

  /** Every entry with its count, for tests and dumps. */
  *entries(): Generator<[HashHex, Uint8Array, number]> {
    for (const entry of this.slots) {
      if (entry === 0) continue;
      const id = entry - 1;
      yield [hashKey(this.hashes.subarray(id * 32, id * 32 + 32)), this.bytesOf(id), this.refs[id]!];
    }
  }

  private hashBytes(hash: Uint8Array | HashHex): Uint8Array {
    if (typeof hash !== "string") return hash;
    const at = hash.startsWith("0x") ? 2 : 0;
    let ok = hash.length - at === 64;
    for (let i = 0; ok && i < 32; i++) {
      const hi = hexDigit(hash.charCodeAt(at + 2 * i));
      const lo = hexDigit(hash.charCodeAt(at + 2 * i + 1));
      ok = hi >= 0 && lo >= 0;
      this.parsed[i] = (hi << 4) | lo;
    }
    if (!ok) throw new TrieError("TRIE_BAD_ARGUMENT", `${hash} is not a 32-byte hex hash`);
    return this.parsed;
  }

  private home(h: Uint8Array, at: number): number {
    return (h[at]! | (h[at + 1]! << 8) | (h[at + 2]! << 16) | (h[at + 3]! << 24)) & (this.slots.length - 1);
  }

  /** The slot holding `h`, or -(the free slot where it would go) - 1. */
  private find(h: Uint8Array): number {
    const mask = this.slots.length - 1;
    const hashes = this.hashes;
    for (let s = this.home(h, 0); ; s = (s + 1) & mask) {
      const entry = this.slots[s]!;
      if (entry === 0) return -s - 1;
      const base = (entry - 1) * 32;
      let i = 0;
      while (i < 32 && hashes[base + i] === h[i]) i++;
      if (i === 32) return s;
    }
  }

  /** Frees a slot, shifting back later entries of its probe run (no tombstones). */
  private unslot(slot: number): void {
    const mask = this.slots.length - 1;
    let hole = slot;
    this.slots[hole] = 0;
    for (let s = (hole + 1) & mask; this.slots[s] !== 0; s = (s + 1) & mask) {
      const home = this.home(this.hashes, (this.slots[s]! - 1) * 32);
      // The entry may fill the hole unless its home lies cyclically in (hole, s].
      const stays = hole <= s ? home > hole && home <= s : home > hole || home <= s;
      if (stays) continue;
      this.slots[hole] = this.slots[s]!;
      this.slots[s] = 0;
      hole = s;
    }
  }

  private rehash(size: number): void {
    const old = this.slots;
    this.slots = new Int32Array(size);
    const mask = size - 1;
    for (const entry of old) {
      if (entry === 0) continue;
      let s = this.home(this.hashes, (entry - 1) * 32);
      while (this.slots[s] !== 0) s = (s + 1) & mask;
      this.slots[s] = entry;
    }
  }

  private growEntries(): void {
    const size = this.refs.length * 2;
    const widen = (a: Int32Array) => {
      const next = new Int32Array(size);
      next.set(a);
      return next;
    };
    this.refs = widen(this.refs);
    this.chunkOf = widen(this.chunkOf);
    this.offsetOf = widen(this.offsetOf);
    this.lengthOf = widen(this.lengthOf);
    const hashes = new Uint8Array(size * 32);
    hashes.set(this.hashes);
    this.hashes = hashes;
  }

  private bytesOf(id: number): Uint8Array {
    const offset = this.offsetOf[id]!;
    return this.chunks[this.chunkOf[id]!]!.subarray(offset, offset + this.lengthOf[id]!);
  }

  private place(id: number, data: Uint8Array): void {
    if (data.length > CHUNK >> 2) {
      // A large value (runtime code) gets a chunk of its own.
      this.chunks.push(data.slice());
      this.chunkOf[id] = this.chunks.length - 1;
      this.offsetOf[id] = 0;
    } else {
      if (this.current < 0 || this.used + data.length > CHUNK) {
        this.chunks.push(new Uint8Array(CHUNK));
        this.current = this.chunks.length - 1;
        this.used = 0;
      }
      this.chunks[this.current]!.set(data, this.used);
      this.chunkOf[id] = this.current;
      this.offsetOf[id] = this.used;
      this.used += data.length;
    }
    this.lengthOf[id] = data.length;
    this.liveBytes += data.length;
  }

  /** Copies live entries into fresh chunks; old chunks live on only in arrays handed out. */
  private compact(): void {
    const old = this.chunks;
    const oldChunkOf = this.chunkOf.slice();
    this.chunks = [];
    this.current = -1;
    this.liveBytes = 0;
    this.deadBytes = 0;
    for (const entry of this.slots) {
      if (entry === 0) continue;
      const id = entry - 1;
      const offset = this.offsetOf[id]!;
      this.place(id, old[oldChunkOf[id]!]!.subarray(offset, offset + this.lengthOf[id]!));
    }
  }
}
