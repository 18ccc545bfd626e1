/**
 * The trie root of a set of entries, built bottom-up from sorted keys without materialising
 * a node tree: a range of sorted keys that share a prefix is one subtree, so each branch is the
 * longest common prefix of its range and its children are the runs of equal next nibbles.
 * An explicit stack replaces recursion, so deep keys cannot exhaust the engine's call stack.
 */
import { blake2_256, compareBytes } from "@canary/primitives";
import { commonPrefixPacked, nibbleAt } from "./nibbles.ts";
import { checkKeyLength, INLINE_LIMIT, isHashedValue, nodeSize, writeNodeParts } from "./nodeCodec.ts";

/** blake2_256(0x00): the root of the empty trie. */
export const EMPTY_TRIE_ROOT: Uint8Array = Uint8Array.from([
  0x03, 0x17, 0x0a, 0x2e, 0x75, 0x97, 0xb7, 0xb7, 0xe3, 0xd8, 0x4c, 0x05, 0x39, 0x1d, 0x13, 0x9a, 0x62, 0xb1,
  0x57, 0xe7, 0x87, 0x86, 0xd8, 0xc0, 0x82, 0xf2, 0x9d, 0xcf, 0x4c, 0x11, 0x13, 0x14,
]);

/**
 * Receives every hashed node and hashed value of a built trie, once per occurrence. `data` may
 * be a view of a buffer the builder reuses: copy it to keep it.
 */
export type NodeSink = (hash: Uint8Array, data: Uint8Array) => void;

/**
 * The base-16 Patricia-Merkle root of `entries` (Substrate's `trie_root`). State version 1
 * hashes values of 33 bytes or more; version 0 keeps every value inline. Entries may come in
 * any order; if a key repeats, its last value wins. Keys are limited to MAX_KEY_BYTES.
 */
export function trieRoot(
  entries: Iterable<readonly [Uint8Array, Uint8Array]>,
  stateVersion: 0 | 1,
): Uint8Array {
  const [keys, values] = sortEntries(entries);
  return buildSorted(keys, values, stateVersion, undefined);
}

/**
 * Like `trieRoot`, and hands every hashed node and hashed value to `sink`: a bulk load of a
 * node store (e.g. `MemoryNodeStore.insert`) for a trie that `TrieDb` can then open at the root.
 */
export function buildTrie(
  entries: Iterable<readonly [Uint8Array, Uint8Array]>,
  stateVersion: 0 | 1,
  sink: NodeSink,
): Uint8Array {
  const [keys, values] = sortEntries(entries);
  return buildSorted(keys, values, stateVersion, sink);
}

/** Sorts entries by key (stable) and drops all but the last value of a repeated key. */
export function sortEntries(
  entries: Iterable<readonly [Uint8Array, Uint8Array]>,
): [Uint8Array[], Uint8Array[]] {
  const list = Array.isArray(entries)
    ? (entries as readonly (readonly [Uint8Array, Uint8Array])[])
    : [...entries];
  const n = list.length;
  // Preallocated and filled by index: pushing a million entries costs several times more.
  const keys = new Array<Uint8Array>(n);
  const values = new Array<Uint8Array>(n);
  let sorted = true;
  let unique = true;
  for (let i = 0; i < n; i++) {
    const entry = list[i]!;
    const k = entry[0];
    checkKeyLength(k);
    if (i > 0) {
      const c = compareBytes(keys[i - 1]!, k);
      if (c > 0) sorted = false;
      else if (c === 0) unique = false;
    }
    keys[i] = k;
    values[i] = entry[1];
  }
  if (sorted && unique) return [keys, values];
  const outKeys: Uint8Array[] = [];
  const outValues: Uint8Array[] = [];
  if (sorted) {
    for (let i = 0; i < keys.length; i++) {
      if (i + 1 < keys.length && compareBytes(keys[i]!, keys[i + 1]!) === 0) continue;
      outKeys.push(keys[i]!);
      outValues.push(values[i]!);
    }
    return [outKeys, outValues];
  }
  const [order, repeated] = sortOrder(keys);
  let kept = n;
  for (let j = 0; j < n; j++) kept -= repeated[j]!;
  const sortedKeys = new Array<Uint8Array>(kept);
  const sortedValues = new Array<Uint8Array>(kept);
  for (let j = 0, at = 0; j < n; j++) {
    if (repeated[j]) continue;
    sortedKeys[at] = keys[order[j]!]!;
    sortedValues[at++] = values[order[j]!]!;
  }
  return [sortedKeys, sortedValues];
}

// Which 32-bit word of a little- or big-endian u64 holds the high half.
const HIGH = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1 ? 1 : 0;

/**
 * The sorted permutation of `keys`, stable. An MSD radix sort, three key bytes per level: each
 * key's next three bytes and how many of them it has form the high word of a u64 whose low
 * word is the key's index, and typed-array sort orders those natively (no comparator calls).
 * Runs that tie on all three bytes go one level deeper, on an explicit stack. Also marks the
 * positions whose key equals the next one's (all but the last of a repeated key).
 */
function sortOrder(keys: readonly Uint8Array[]): [Uint32Array, Uint8Array] {
  const n = keys.length;
  const order = new Uint32Array(n);
  const repeated = new Uint8Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const wide = new BigUint64Array(n);
  const words = new Uint32Array(wide.buffer);
  const chunk = (k: Uint8Array, d: number): number => {
    const left = k.length - d;
    return (
      (((k[d] ?? 0) << 24) | ((k[d + 1] ?? 0) << 16) | ((k[d + 2] ?? 0) << 8) | (left > 3 ? 4 : left)) >>> 0
    );
  };
  const work: number[] = [0, n, 0];
  while (work.length > 0) {
    const d = work.pop()!;
    const hi = work.pop()!;
    const lo = work.pop()!;
    if (hi - lo < 24) {
      // Insertion sort for small runs; ties keep index order.
      for (let j = lo + 1; j < hi; j++) {
        const x = order[j]!;
        let m = j - 1;
        while (m >= lo && (compareBytes(keys[order[m]!]!, keys[x]!) || order[m]! - x) > 0) {
          order[m + 1] = order[m]!;
          m--;
        }
        order[m + 1] = x;
      }
      for (let j = lo; j + 1 < hi; j++) {
        if (compareBytes(keys[order[j]!]!, keys[order[j + 1]!]!) === 0) repeated[j] = 1;
      }
      continue;
    }
    for (let j = lo; j < hi; j++) {
      const i = order[j]!;
      words[2 * j + HIGH] = chunk(keys[i]!, d);
      words[2 * j + 1 - HIGH] = i;
    }
    wide.subarray(lo, hi).sort();
    for (let j = lo; j < hi; j++) order[j] = words[2 * j + 1 - HIGH]!;
    // Keys that tie on three bytes and go on past them are ordered by their next bytes; keys
    // that tie and end there are the same key.
    for (let j = lo; j < hi; ) {
      const c = words[2 * j + HIGH]!;
      let end = j + 1;
      while (end < hi && words[2 * end + HIGH] === c) end++;
      if (end - j > 1 && (c & 0xff) === 4) work.push(j, end, d + 3);
      else for (let m = j; m + 1 < end; m++) repeated[m] = 1;
      j = end;
    }
  }
  return [order, repeated];
}

interface Frame {
  /** Nibble at which this node's partial key starts. */
  start: number;
  /** Nibble at which the keys of the range diverge: the children's index nibble. */
  at: number;
  /** Next key of the range not yet placed in a child. */
  cursor: number;
  hi: number;
  value: Uint8Array | undefined;
  children: (Uint8Array | undefined)[];
  /** The child slot the frame above this one fills when it completes. */
  slot: number;
}

/** Builds from keys sorted ascending and unique. */
export function buildSorted(
  keys: readonly Uint8Array[],
  values: readonly Uint8Array[],
  stateVersion: 0 | 1,
  sink: NodeSink | undefined,
): Uint8Array {
  const n = keys.length;
  if (n === 0) return EMPTY_TRIE_ROOT.slice();

  // Nodes are encoded into one reused buffer: only hashes and inline children are kept.
  let scratch = new Uint8Array(1024);
  const encode = (
    key: Uint8Array,
    start: number,
    end: number,
    value: Uint8Array | undefined,
    children: (Uint8Array | undefined)[] | undefined,
    isRoot: boolean,
  ): Uint8Array => {
    let v = value;
    const hashed = value !== undefined && isHashedValue(value.length, stateVersion);
    if (hashed) {
      v = blake2_256(value);
      sink?.(v, value);
    }
    const size = nodeSize(end - start, v, hashed, children);
    if (size > scratch.length) scratch = new Uint8Array(size * 2);
    writeNodeParts(scratch, key, start, end, true, v, hashed, children);
    if (size < INLINE_LIMIT && !isRoot) return scratch.slice(0, size);
    const encoded = scratch.subarray(0, size);
    const hash = blake2_256(encoded);
    sink?.(hash, encoded);
    return hash;
  };
  const leaf = (i: number, start: number, isRoot: boolean): Uint8Array => {
    const key = keys[i]!;
    return encode(key, start, key.length * 2, values[i], undefined, isRoot);
  };
  const open = (lo: number, hi: number, start: number, slot: number): Frame => {
    const first = keys[lo]!;
    const at = start + commonPrefixPacked(first, keys[hi - 1]!, start);
    // Only the first key of a sorted range can end where the range diverges.
    const hasValue = first.length * 2 === at;
    return {
      start,
      at,
      cursor: hasValue ? lo + 1 : lo,
      hi,
      value: hasValue ? values[lo] : undefined,
      children: new Array(16).fill(undefined),
      slot,
    };
  };

  if (n === 1) return leaf(0, 0, true);
  const stack: Frame[] = [open(0, n, 0, 0)];
  for (;;) {
    const f = stack[stack.length - 1]!;
    if (f.cursor < f.hi) {
      const nib = nibbleAt(keys[f.cursor]!, f.at);
      let end = f.cursor + 1;
      while (end < f.hi && nibbleAt(keys[end]!, f.at) === nib) end++;
      if (end - f.cursor === 1) f.children[nib] = leaf(f.cursor, f.at + 1, false);
      else stack.push(open(f.cursor, end, f.at + 1, nib));
      f.cursor = end;
      continue;
    }
    stack.pop();
    const ref = encode(keys[f.hi - 1]!, f.start, f.at, f.value, f.children, stack.length === 0);
    const parent = stack[stack.length - 1];
    if (parent === undefined) return ref;
    parent.children[f.slot] = ref;
  }
}
