/**
 * A trie stored in a `NodeStore`, changed in place and re-hashed incrementally.
 *
 * Nodes are loaded from the store on first touch and kept; a change marks the nodes on its
 * path dirty and `commit()` re-encodes and re-hashes only those, so a block that changes k keys
 * of an n-key trie costs about k·log16(n) hashes. The commit returns what to write and what
 * lost an occurrence (the store counts references, see nodeStore.ts), and the trie goes on
 * from the new root, keeping its loaded nodes as a warm cache.
 *
 * Values keep the form they were written in: a value written under state version 0 stays
 * inline when its node is re-encoded under version 1, and rewriting it migrates it, as in
 * Substrate. Keys and values passed in are kept by reference: do not mutate them afterwards.
 */
import { blake2_256, bytesEqual, DecodeError, Slab } from "@canary/primitives";
import { TrieError } from "./errors.ts";
import { commonPrefix, joinNibbles, nibblesToBytes, toNibbles, toNibblesIn } from "./nibbles.ts";
import {
  checkKeyLength,
  decodeNode,
  INLINE_LIMIT,
  isHashedValue,
  nodeSize,
  writeNodeParts,
} from "./nodeCodec.ts";
import { type HashHex, hashKey, type NodeStore, type TrieCommit } from "./nodeStore.ts";
import { EMPTY_TRIE_ROOT } from "./root.ts";

/** A value stored under its hash; `data` is loaded on demand. */
class HashedValue {
  readonly hash: Uint8Array;
  data: Uint8Array | undefined;
  constructor(hash: Uint8Array, data: Uint8Array | undefined) {
    this.hash = hash;
    this.data = data;
  }
}

type Value = Uint8Array | HashedValue;
/** A child: a loaded node, a merkle value not yet loaded (32 bytes = hash, else inline), or none. */
type Slot = Node | Uint8Array | undefined;

class Node {
  /** Partial key, one nibble per byte. */
  partial: Uint8Array;
  value: Value | undefined;
  /** 16 slots for a branch, undefined for a leaf. */
  children: Slot[] | undefined;
  /** The node's merkle value while unchanged since load or commit; undefined = dirty. */
  ref: Uint8Array | undefined;
  /** `ref` is a hash with an occurrence counted in the store (not an inline encoding). */
  stored: boolean;

  constructor(partial: Uint8Array, value: Value | undefined, children: Slot[] | undefined) {
    this.partial = partial;
    this.value = value;
    this.children = children;
    this.ref = undefined;
    this.stored = false;
  }
}

const noChildren = (): Slot[] => new Array<Slot>(16).fill(undefined);

function sameValue(a: Value, b: Value): boolean {
  if (a instanceof HashedValue) return b instanceof HashedValue && bytesEqual(a.hash, b.hash);
  return !(b instanceof HashedValue) && bytesEqual(a, b);
}

/** Result of `clearPrefix`: how many keys went, and whether none with the prefix is left. */
export interface ClearPrefixResult {
  removed: number;
  complete: boolean;
}

export class TrieDb {
  /** The version new values are written under (0: always inline; 1: 33+ bytes hashed). */
  stateVersion: 0 | 1;
  private readonly store: NodeStore;
  private rootSlot: Slot;
  private committed: Uint8Array;
  /** Pending occurrence changes per hash, with the bytes of entries gaining occurrences. */
  private delta = new Map<HashHex, { refs: number; data: Uint8Array | undefined }>();
  /** The path of the key being looked up by get, set or delete; never kept (see toNibblesIn). */
  private lookup = new Uint8Array(256);
  /** The partial keys of loaded nodes: they live as long as this trie keeps its nodes. */
  private readonly partials = new Slab();

  constructor(store: NodeStore, root: Uint8Array = EMPTY_TRIE_ROOT, stateVersion: 0 | 1 = 1) {
    if (root.length !== 32)
      throw new TrieError("TRIE_BAD_ARGUMENT", `a root must be 32 bytes, got ${root.length}`);
    this.store = store;
    this.stateVersion = stateVersion;
    this.committed = root.slice();
    this.rootSlot = bytesEqual(root, EMPTY_TRIE_ROOT) ? undefined : this.committed;
  }

  /** The root as of opening or the last commit (pending changes are not in it). */
  get root(): Uint8Array {
    return this.committed.slice();
  }

  /** Whether there are changes since opening or the last commit. */
  get dirty(): boolean {
    if (this.delta.size > 0) return true;
    const r = this.rootSlot;
    if (r === undefined) return !this.isEmptyRoot();
    return r instanceof Node && r.ref === undefined;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    const nib = toNibblesIn(key, this.lookup);
    if (this.rootSlot === undefined) return undefined;
    let node = this.loadRoot();
    let pos = 0;
    for (;;) {
      const p = node.partial;
      if (nib.length - pos < p.length || commonPrefix(p, nib, pos) < p.length) return undefined;
      pos += p.length;
      if (pos === nib.length) return node.value === undefined ? undefined : this.valueData(node.value);
      const i = nib[pos]!;
      if (node.children?.[i] === undefined) return undefined;
      node = this.child(node, i);
      pos++;
    }
  }

  set(key: Uint8Array, value: Uint8Array): void {
    checkKeyLength(key);
    const nib = toNibblesIn(key, this.lookup);
    const v: Value = isHashedValue(value.length, this.stateVersion)
      ? new HashedValue(blake2_256(value), value)
      : value;
    if (this.rootSlot === undefined) {
      this.rootSlot = new Node(nib.slice(), v, undefined);
      this.retain(v);
      return;
    }
    let node = this.loadRoot();
    const path: Node[] = [];
    const idx: number[] = [];
    let pos = 0;
    for (;;) {
      const p = node.partial;
      const common = commonPrefix(p, nib, pos);
      if (common < p.length) {
        // The key leaves this node's partial key: split it under a new branch.
        this.touch(path);
        this.markDirty(node);
        const branch = new Node(p.subarray(0, common), undefined, noChildren());
        branch.children![p[common]!] = node;
        node.partial = p.subarray(common + 1);
        const at = pos + common;
        if (at === nib.length) branch.value = v;
        else branch.children![nib[at]!] = new Node(nib.slice(at + 1), v, undefined);
        this.retain(v);
        this.replace(path, idx, branch);
        return;
      }
      pos += common;
      if (pos === nib.length) {
        if (node.value !== undefined && sameValue(node.value, v)) return;
        this.touch(path);
        this.markDirty(node);
        if (node.value !== undefined) this.release(node.value);
        node.value = v;
        this.retain(v);
        return;
      }
      const i = nib[pos]!;
      if (node.children?.[i] === undefined) {
        this.touch(path);
        this.markDirty(node);
        node.children ??= noChildren();
        node.children[i] = new Node(nib.slice(pos + 1), v, undefined);
        this.retain(v);
        return;
      }
      path.push(node);
      idx.push(i);
      node = this.child(node, i);
      pos++;
    }
  }

  /** Removes `key`; returns whether it was there. */
  delete(key: Uint8Array): boolean {
    if (this.rootSlot === undefined) return false;
    const nib = toNibblesIn(key, this.lookup);
    let node = this.loadRoot();
    const path: Node[] = [];
    const idx: number[] = [];
    let pos = 0;
    for (;;) {
      const p = node.partial;
      if (nib.length - pos < p.length || commonPrefix(p, nib, pos) < p.length) return false;
      pos += p.length;
      if (pos === nib.length) break;
      const i = nib[pos]!;
      if (node.children?.[i] === undefined) return false;
      path.push(node);
      idx.push(i);
      node = this.child(node, i);
      pos++;
    }
    if (node.value === undefined) return false;
    this.touch(path);
    this.markDirty(node);
    this.release(node.value);
    node.value = undefined;
    this.collapse(node, path, idx);
    return true;
  }

  /**
   * Removes the keys starting with `prefix`: all of them (one subtree cut), or with `limit` at
   * most that many, in key order. `complete` tells whether none is left.
   */
  clearPrefix(prefix: Uint8Array, limit?: number): ClearPrefixResult {
    if (limit !== undefined) {
      const keys: Uint8Array[] = [];
      if (limit > 0) {
        for (const k of this.keys(prefix)) {
          keys.push(k);
          if (keys.length >= limit) break;
        }
      }
      for (const k of keys) this.delete(k);
      return { removed: keys.length, complete: this.keys(prefix).next().done === true };
    }
    if (this.rootSlot === undefined) return { removed: 0, complete: true };
    const nib = toNibbles(prefix);
    let node = this.loadRoot();
    const path: Node[] = [];
    const idx: number[] = [];
    let pos = 0;
    for (;;) {
      const p = node.partial;
      const rest = nib.length - pos;
      const common = commonPrefix(p, nib, pos);
      if (rest <= p.length) {
        if (common < rest) return { removed: 0, complete: true };
        break; // every key under this node has the prefix
      }
      if (common < p.length) return { removed: 0, complete: true };
      pos += p.length;
      const i = nib[pos]!;
      if (node.children?.[i] === undefined) return { removed: 0, complete: true };
      path.push(node);
      idx.push(i);
      node = this.child(node, i);
      pos++;
    }
    const removed = this.dropSubtree(node);
    this.touch(path);
    const parent = path.pop();
    if (parent === undefined) this.rootSlot = undefined;
    else {
      parent.children![idx.pop()!] = undefined;
      this.collapse(parent, path, idx);
    }
    return { removed, complete: true };
  }

  /** The smallest key greater than `key`, or undefined (the host API's `next_key`). */
  nextKey(key: Uint8Array): Uint8Array | undefined {
    for (const [path] of this.walk(toNibbles(key), false)) return nibblesToBytes(path);
    return undefined;
  }

  /** Keys starting with `prefix`, in order. Do not change the trie while iterating. */
  *keys(prefix: Uint8Array = new Uint8Array(0)): Generator<Uint8Array> {
    for (const [key] of this.entries(prefix)) yield key;
  }

  /** Entries whose key starts with `prefix`, in key order. Do not change the trie while iterating. */
  *entries(prefix: Uint8Array = new Uint8Array(0)): Generator<[Uint8Array, Uint8Array]> {
    const bound = toNibbles(prefix);
    for (const [path, node] of this.walk(bound, true)) {
      if (path.length < bound.length || commonPrefix(bound, path, 0) < bound.length) return;
      yield [nibblesToBytes(path), this.valueData(node.value!)];
    }
  }

  /**
   * Re-hashes what changed and returns the new root with the store changes: `inserted` must be
   * written before this trie is reopened or uncached; `removed` may be applied when no retained
   * state needs those entries any more (pruning).
   */
  commit(): TrieCommit {
    const r = this.rootSlot;
    let root: Uint8Array;
    if (r === undefined) root = EMPTY_TRIE_ROOT.slice();
    else if (r instanceof Uint8Array) root = r;
    else {
      if (!r.stored) this.markDirty(r); // a root is always hashed
      root = r.ref ?? this.hashDirty(r);
    }
    // The pending map becomes `inserted` once the entries that did not gain are taken out.
    const removed: TrieCommit["removed"] = new Map();
    for (const [key, entry] of this.delta) {
      if (entry.refs > 0) continue;
      if (entry.refs < 0) removed.set(key, -entry.refs);
      this.delta.delete(key);
    }
    const inserted = this.delta as TrieCommit["inserted"];
    this.delta = new Map();
    this.committed = root.slice();
    return { root: root.slice(), inserted, removed };
  }

  /** Forgets loaded nodes (they are read again from the store). Only without pending changes. */
  uncache(): void {
    if (this.dirty)
      throw new TrieError("TRIE_CORRUPT_NODE", "cannot drop the cache with uncommitted changes");
    this.rootSlot = this.isEmptyRoot() ? undefined : this.committed;
  }

  private isEmptyRoot(): boolean {
    return bytesEqual(this.committed, EMPTY_TRIE_ROOT);
  }

  private load(slot: Node | Uint8Array): Node {
    if (slot instanceof Node) return slot;
    const stored = slot.length === 32;
    const encoded = stored ? this.store.get(slot) : slot;
    if (encoded === undefined)
      throw new TrieError("TRIE_MISSING_NODE", `node ${hashKey(slot)} is not in the store`);
    let decoded: ReturnType<typeof decodeNode>;
    try {
      decoded = decodeNode(encoded, this.partials);
    } catch (e) {
      if (e instanceof DecodeError) {
        throw new TrieError("TRIE_CORRUPT_NODE", `node ${hashKey(slot)}: ${e.message}`, { cause: e });
      }
      throw e;
    }
    if (decoded.kind === "empty") throw new TrieError("TRIE_CORRUPT_NODE", "an empty node inside a trie");
    const v = decoded.value;
    const value = v === undefined ? undefined : v.hashed ? new HashedValue(v.hash, undefined) : v.data;
    const node = new Node(decoded.partial, value, decoded.kind === "branch" ? decoded.children : undefined);
    node.ref = slot;
    node.stored = stored;
    return node;
  }

  private loadRoot(): Node {
    const node = this.load(this.rootSlot!);
    this.rootSlot = node;
    return node;
  }

  private child(node: Node, i: number): Node {
    const slot = node.children![i]!;
    if (slot instanceof Node) return slot;
    const loaded = this.load(slot);
    node.children![i] = loaded;
    return loaded;
  }

  private valueData(v: Value): Uint8Array {
    if (!(v instanceof HashedValue)) return v;
    v.data ??= this.store.get(v.hash);
    if (v.data === undefined) {
      throw new TrieError("TRIE_MISSING_VALUE", `value ${hashKey(v.hash)} is not in the store`);
    }
    return v.data;
  }

  private retain(v: Value): void {
    if (v instanceof HashedValue) this.retainData(v.hash, v.data!);
  }

  private retainData(hash: Uint8Array, data: Uint8Array): void {
    const key = hashKey(hash);
    const entry = this.delta.get(key);
    if (entry === undefined) this.delta.set(key, { refs: 1, data });
    else {
      entry.refs++;
      entry.data ??= data;
    }
  }

  private release(v: Value): void {
    if (v instanceof HashedValue) this.releaseHash(v.hash);
  }

  private releaseHash(hash: Uint8Array): void {
    const key = hashKey(hash);
    const entry = this.delta.get(key);
    if (entry === undefined) this.delta.set(key, { refs: -1, data: undefined });
    else entry.refs--;
  }

  /** The node is about to change: its stored encoding loses this occurrence. */
  private markDirty(node: Node): void {
    if (node.ref === undefined) return;
    if (node.stored) this.releaseHash(node.ref);
    node.ref = undefined;
    node.stored = false;
  }

  /** Marks the ancestors dirty; an ancestor of a dirty node is dirty already, so stop there. */
  private touch(path: Node[]): void {
    for (let j = path.length - 1; j >= 0 && path[j]!.ref !== undefined; j--) this.markDirty(path[j]!);
  }

  private replace(path: Node[], idx: number[], node: Node): void {
    const parent = path[path.length - 1];
    if (parent === undefined) this.rootSlot = node;
    else parent.children![idx[idx.length - 1]!] = node;
  }

  /**
   * Restores canonical shape after a dirty `node` lost its value or a child: a node with
   * neither goes, a branch with no child becomes a leaf, and a valueless branch with one child
   * merges into that child.
   */
  private collapse(node: Node, path: Node[], idx: number[]): void {
    if (node.value === undefined && node.children === undefined) {
      const parent = path.pop();
      if (parent === undefined) {
        this.rootSlot = undefined;
        return;
      }
      parent.children![idx.pop()!] = undefined;
      node = parent;
    }
    const children = node.children;
    if (children === undefined) return;
    let count = 0;
    let only = -1;
    for (let i = 0; i < 16; i++) {
      if (children[i] !== undefined) {
        count++;
        only = i;
      }
    }
    if (count === 0) node.children = undefined;
    else if (count === 1 && node.value === undefined) {
      const child = this.child(node, only);
      this.markDirty(child);
      child.partial = joinNibbles(node.partial, only, child.partial);
      this.replace(path, idx, child);
    }
  }

  /** Releases every node and value of a subtree being cut off; returns its number of keys. */
  private dropSubtree(top: Node): number {
    let keys = 0;
    const stack: Node[] = [top];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      this.markDirty(node);
      if (node.value !== undefined) {
        this.release(node.value);
        keys++;
      }
      for (const c of node.children ?? []) if (c !== undefined) stack.push(this.load(c));
    }
    return keys;
  }

  /**
   * Depth-first, in key order: nodes with a value whose key is above `bound` (nibbles), or at
   * it when `inclusive`. Yields each key's nibble path with its node.
   */
  private *walk(bound: Uint8Array, inclusive: boolean): Generator<[Uint8Array, Node]> {
    if (this.rootSlot === undefined) return;
    interface Frame {
      node: Node;
      path: Uint8Array;
      next: number; // -1: the node's own value is still to come; else next child index
    }
    const stack: Frame[] = [];
    // Seek: descend along the bound, leaving frames that resume just after it.
    let node = this.loadRoot();
    let path = node.partial;
    for (;;) {
      const m = Math.min(path.length, bound.length);
      let cmp = 0;
      for (let i = 0; i < m && cmp === 0; i++) cmp = path[i]! - bound[i]!;
      if (cmp < 0) break;
      if (cmp > 0 || path.length > bound.length) {
        stack.push({ node, path, next: -1 });
        break;
      }
      if (path.length === bound.length) {
        stack.push({ node, path, next: inclusive ? -1 : 0 });
        break;
      }
      const t = bound[path.length]!;
      stack.push({ node, path, next: t + 1 });
      if (node.children?.[t] === undefined) break;
      node = this.child(node, t);
      path = joinNibbles(path, t, node.partial);
    }
    while (stack.length > 0) {
      const f = stack[stack.length - 1]!;
      if (f.next === -1) {
        f.next = 0;
        if (f.node.value !== undefined) {
          if (f.path.length & 1) throw new TrieError("TRIE_CORRUPT_NODE", "a value at an odd nibble depth");
          yield [f.path, f.node];
        }
        continue;
      }
      const children = f.node.children;
      let i = f.next;
      while (children !== undefined && i < 16 && children[i] === undefined) i++;
      if (children === undefined || i >= 16) {
        stack.pop();
        continue;
      }
      f.next = i + 1;
      const c = this.child(f.node, i);
      stack.push({ node: c, path: joinNibbles(f.path, i, c.partial), next: -1 });
    }
  }

  /** Encodes and hashes the dirty nodes under `root`, children first; returns the root hash. */
  private hashDirty(root: Node): Uint8Array {
    const stack: Node[] = [root];
    const next: number[] = [0];
    const refs = new Array<Uint8Array | undefined>(16); // reused: each node is encoded at once
    const slab = new Slab();
    while (stack.length > 0) {
      const top = stack.length - 1;
      const node = stack[top]!;
      const children = node.children;
      let descended = false;
      if (children !== undefined) {
        for (let i = next[top]!; i < 16; i++) {
          const c = children[i];
          if (c instanceof Node && c.ref === undefined) {
            next[top] = i + 1;
            stack.push(c);
            next.push(0);
            descended = true;
            break;
          }
        }
      }
      if (descended) continue;
      stack.pop();
      next.pop();
      if (children !== undefined) {
        let any = false;
        for (let i = 0; i < 16; i++) {
          const c = children[i];
          refs[i] = c instanceof Node ? c.ref : c;
          any ||= c !== undefined;
        }
        if (!any) throw new TrieError("TRIE_CORRUPT_NODE", "a branch without children");
      }
      const v = node.value;
      const value = v instanceof HashedValue ? v.hash : v;
      const kids = children === undefined ? undefined : refs;
      const encoded = slab.alloc(nodeSize(node.partial.length, value, v instanceof HashedValue, kids));
      writeNodeParts(
        encoded,
        node.partial,
        0,
        node.partial.length,
        false,
        value,
        v instanceof HashedValue,
        kids,
      );
      if (encoded.length >= INLINE_LIMIT || stack.length === 0) {
        const hash = blake2_256(encoded);
        this.retainData(hash, encoded);
        node.ref = hash;
        node.stored = true;
      } else {
        node.ref = encoded;
        node.stored = false;
      }
    }
    return root.ref!;
  }
}
