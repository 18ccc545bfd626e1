/**
 * Substrate trie node encoding (Polkadot Host spec, state chapter, Def. 24–29).
 *
 *   node   = header ++ partial key ++ (leaf: value | branch: bitmap u16 LE ++ value? ++ children)
 *   value  = Compact(len) ++ bytes, or for the hashed variants blake2_256(bytes) with no length
 *   child  = Compact(len) ++ merkle value (a 32-byte hash, or the child's encoding if < 32 bytes)
 *
 * The header's top bits give the variant, the rest the partial key length in nibbles; a full
 * length field continues in following bytes (0xff = add 255 and continue, else add and stop).
 */
import { DecodeError, Reader, readCompact, type Slab } from "@canary/primitives";
import { TrieError } from "./errors.ts";
import { nibbleAt } from "./nibbles.ts";

/** A node's value: inline bytes, or (state version 1, 33+ bytes) the blake2_256 hash of them. */
export type NodeValue = { hashed: false; data: Uint8Array } | { hashed: true; hash: Uint8Array };

export interface EmptyNode {
  kind: "empty";
}

export interface LeafNode {
  kind: "leaf";
  /** The partial key, one nibble per byte. */
  partial: Uint8Array;
  value: NodeValue;
}

export interface BranchNode {
  kind: "branch";
  partial: Uint8Array;
  value: NodeValue | undefined;
  /** 16 slots: a child's merkle value (32 bytes = hash, shorter = the inline encoding). */
  children: (Uint8Array | undefined)[];
}

export type TrieNode = EmptyNode | LeafNode | BranchNode;

/** Values of this many bytes or more are stored hashed in state version 1. */
export const HASHED_VALUE_THRESHOLD = 33;
/** The longest partial key a header can describe (Substrate's NIBBLE_SIZE_BOUND). */
export const MAX_PARTIAL_NIBBLES = 0xffff;
/** The longest key the trie accepts: every partial key of a shorter one fits a header. */
export const MAX_KEY_BYTES = MAX_PARTIAL_NIBBLES >> 1;
/** An encoding shorter than this is embedded in its parent instead of being hashed. */
export const INLINE_LIMIT = 32;

const LEAF = 0x40;
const BRANCH = 0x80;
const BRANCH_WITH_VALUE = 0xc0;
const LEAF_HASHED = 0x20;
const BRANCH_HASHED = 0x10;

/** Rejects keys whose nibble path could not be encoded (Substrate would silently truncate). */
export function checkKeyLength(key: Uint8Array): void {
  if (key.length > MAX_KEY_BYTES) {
    throw new TrieError("TRIE_KEY_TOO_LONG", `a key of ${key.length} bytes exceeds ${MAX_KEY_BYTES}`);
  }
}

/** Whether a value is stored hashed under the given state version. */
export function isHashedValue(length: number, stateVersion: 0 | 1): boolean {
  return stateVersion === 1 && length >= HASHED_VALUE_THRESHOLD;
}

function compactSize(n: number): number {
  return n < 0x40 ? 1 : n < 0x4000 ? 2 : n < 0x4000_0000 ? 4 : 5;
}

// Local compact writer: the hot path writes into one exactly-sized array.
function putCompact(out: Uint8Array, at: number, n: number): number {
  if (n < 0x40) {
    out[at] = n << 2;
    return at + 1;
  }
  if (n < 0x4000) {
    const v = (n << 2) | 1;
    out[at] = v & 0xff;
    out[at + 1] = v >> 8;
    return at + 2;
  }
  if (n < 0x4000_0000) {
    const v = ((n << 2) | 2) >>> 0;
    out[at] = v & 0xff;
    out[at + 1] = (v >>> 8) & 0xff;
    out[at + 2] = (v >>> 16) & 0xff;
    out[at + 3] = v >>> 24;
    return at + 4;
  }
  out[at] = 3; // big-integer mode, 4 bytes follow
  out[at + 1] = n & 0xff;
  out[at + 2] = (n >>> 8) & 0xff;
  out[at + 3] = (n >>> 16) & 0xff;
  out[at + 4] = n >>> 24;
  return at + 5;
}

function headerSize(nibbles: number, field: number): number {
  return nibbles < field ? 1 : 2 + Math.floor((nibbles - field) / 255);
}

function variant(
  value: Uint8Array | undefined,
  valueHashed: boolean,
  children: readonly (Uint8Array | undefined)[] | undefined,
): number {
  if (children === undefined) {
    if (value === undefined) throw new TrieError("TRIE_CORRUPT_NODE", "a leaf needs a value");
    return valueHashed ? LEAF_HASHED : LEAF;
  }
  if (value === undefined) return BRANCH;
  return valueHashed ? BRANCH_HASHED : BRANCH_WITH_VALUE;
}

/** Bits of the first header byte that hold the partial key length. */
function fieldOf(prefix: number): number {
  return prefix === LEAF_HASHED ? 31 : prefix === BRANCH_HASHED ? 15 : 63;
}

/**
 * The encoded size of a node from its parts (see `writeNodeParts`); throws if the partial
 * key is longer than a header can describe.
 */
export function nodeSize(
  nibbles: number,
  value: Uint8Array | undefined,
  valueHashed: boolean,
  children: readonly (Uint8Array | undefined)[] | undefined,
): number {
  if (nibbles > MAX_PARTIAL_NIBBLES) {
    throw new TrieError(
      "TRIE_KEY_TOO_LONG",
      `a partial key of ${nibbles} nibbles exceeds ${MAX_PARTIAL_NIBBLES}`,
    );
  }
  let size = headerSize(nibbles, fieldOf(variant(value, valueHashed, children))) + ((nibbles + 1) >> 1);
  if (value !== undefined) size += valueHashed ? 32 : compactSize(value.length) + value.length;
  if (children !== undefined) {
    size += 2;
    for (let i = 0; i < 16; i++) {
      const c = children[i];
      if (c !== undefined) size += compactSize(c.length) + c.length;
    }
  }
  return size;
}

/**
 * Writes a node from its parts at the start of `out` (which must hold `nodeSize` bytes) and
 * returns its length. The partial key is nibbles `[start, end)` of `key`, packed (two nibbles a
 * byte) or unpacked (one a byte). `value` is the inline value, or the 32-byte value hash when
 * `valueHashed`. `children` (16 merkle values) is undefined for a leaf.
 */
export function writeNodeParts(
  out: Uint8Array,
  key: Uint8Array,
  start: number,
  end: number,
  packed: boolean,
  value: Uint8Array | undefined,
  valueHashed: boolean,
  children: readonly (Uint8Array | undefined)[] | undefined,
): number {
  const nibbles = end - start;
  const prefix = variant(value, valueHashed, children);
  const field = fieldOf(prefix);
  let at = 0;
  if (nibbles < field) out[at++] = prefix | nibbles;
  else {
    out[at++] = prefix | field;
    let rest = nibbles - field;
    while (rest >= 255) {
      out[at++] = 255;
      rest -= 255;
    }
    out[at++] = rest;
  }

  let i = start;
  if (nibbles & 1) out[at++] = packed ? nibbleAt(key, i++) : key[i++]!;
  if (packed && !(i & 1)) {
    out.set(key.subarray(i >> 1, end >> 1), at);
    at += (end - i) >> 1;
  } else if (packed) {
    for (; i < end; i += 2) out[at++] = (nibbleAt(key, i) << 4) | nibbleAt(key, i + 1);
  } else {
    for (; i < end; i += 2) out[at++] = (key[i]! << 4) | key[i + 1]!;
  }

  let bitmapAt = -1;
  if (children !== undefined) {
    bitmapAt = at;
    at += 2;
  }
  if (value !== undefined) {
    if (!valueHashed) at = putCompact(out, at, value.length);
    out.set(value, at);
    at += value.length;
  }
  if (children !== undefined) {
    let bitmap = 0;
    for (let c = 0; c < 16; c++) {
      const child = children[c];
      if (child === undefined) continue;
      bitmap |= 1 << c;
      at = putCompact(out, at, child.length);
      out.set(child, at);
      at += child.length;
    }
    out[bitmapAt] = bitmap & 0xff;
    out[bitmapAt + 1] = bitmap >> 8;
  }
  return at;
}

/** `writeNodeParts` into a new array of the exact size. */
export function encodeNodeParts(
  key: Uint8Array,
  start: number,
  end: number,
  packed: boolean,
  value: Uint8Array | undefined,
  valueHashed: boolean,
  children: readonly (Uint8Array | undefined)[] | undefined,
): Uint8Array {
  const out = new Uint8Array(nodeSize(end - start, value, valueHashed, children));
  writeNodeParts(out, key, start, end, packed, value, valueHashed, children);
  return out;
}

/** Encodes a decoded node (the inverse of `decodeNode`). */
export function encodeNode(node: TrieNode): Uint8Array {
  if (node.kind === "empty") return Uint8Array.of(0);
  const value = node.value;
  const bytes = value === undefined ? undefined : value.hashed ? value.hash : value.data;
  if (value?.hashed && value.hash.length !== 32) {
    throw new TrieError("TRIE_CORRUPT_NODE", "a hashed value must be a 32-byte hash");
  }
  const children = node.kind === "branch" ? node.children : undefined;
  if (children !== undefined) {
    if (!children.some((c) => c !== undefined)) {
      throw new TrieError("TRIE_CORRUPT_NODE", "a branch needs at least one child");
    }
    for (const c of children) {
      if (c !== undefined && (c.length === 0 || c.length > INLINE_LIMIT)) {
        throw new TrieError(
          "TRIE_CORRUPT_NODE",
          `a child reference of ${c.length} bytes is neither a hash nor inline`,
        );
      }
    }
  }
  return encodeNodeParts(
    node.partial,
    0,
    node.partial.length,
    false,
    bytes,
    value?.hashed ?? false,
    children,
  );
}

const WHAT = "trie node";

/**
 * Decodes one node strictly: any malformed input throws DecodeError. Rejected besides
 * truncation and trailing bytes: the reserved header 0x01 and the other unused 0x02–0x0f, a
 * partial key longer than Substrate's bound or with non-zero padding, a branch without
 * children (Substrate rejects an empty bitmap), a valueless branch with one child (never in
 * a canonical trie), and child references that are empty or longer than a hash.
 * Returned byte fields are views of `bytes`, except the partial key, unpacked into an array of
 * its own, carved from `slab` when given (a leaf's is often over 64 bytes, see slab.ts).
 */
export function decodeNode(bytes: Uint8Array, slab?: Slab): TrieNode {
  const r = new Reader(bytes);
  const first = r.byte(`${WHAT} header`);
  let kind: "leaf" | "branch";
  let hasValue: boolean;
  let valueHashed = false;
  let field: number;
  switch (first >> 6) {
    case 1:
      [kind, hasValue, field] = ["leaf", true, 63];
      break;
    case 2:
      [kind, hasValue, field] = ["branch", false, 63];
      break;
    case 3:
      [kind, hasValue, field] = ["branch", true, 63];
      break;
    default:
      if (first >> 5 === 1) [kind, hasValue, valueHashed, field] = ["leaf", true, true, 31];
      else if (first >> 4 === 1) [kind, hasValue, valueHashed, field] = ["branch", true, true, 15];
      else if (first === 0) {
        r.end(WHAT);
        return { kind: "empty" };
      } else if (first === 1) {
        throw new DecodeError("unknown-variant", `${WHAT} header`, "0x01 is reserved for compact proofs");
      } else {
        throw new DecodeError(
          "unknown-variant",
          `${WHAT} header`,
          `0x0${first.toString(16)} is not a node header`,
        );
      }
  }

  let nibbles = first & field;
  if (nibbles === field) {
    for (;;) {
      const b = r.byte(`${WHAT} header`);
      nibbles += b;
      if (nibbles > MAX_PARTIAL_NIBBLES) {
        throw new DecodeError(
          "too-large",
          `${WHAT} header`,
          `partial key exceeds ${MAX_PARTIAL_NIBBLES} nibbles`,
        );
      }
      if (b < 255) break;
    }
  }

  const packed = r.take((nibbles + 1) >> 1, `${WHAT} partial key`);
  const partial = slab === undefined ? new Uint8Array(nibbles) : slab.alloc(nibbles);
  const odd = nibbles & 1;
  if (odd) {
    if (packed[0]! >> 4 !== 0) {
      throw new DecodeError("non-canonical", `${WHAT} partial key`, "padding nibble is not zero");
    }
    partial[0] = packed[0]! & 0x0f;
  }
  for (let i = odd; i < nibbles; i++) partial[i] = nibbleAt(packed, i + odd);

  let bitmap = 0;
  if (kind === "branch") {
    const bm = r.take(2, `${WHAT} children bitmap`);
    bitmap = bm[0]! | (bm[1]! << 8);
    if (bitmap === 0)
      throw new DecodeError("invalid-value", `${WHAT} children bitmap`, "a branch has no children");
  }

  let value: NodeValue | undefined;
  if (hasValue) {
    if (valueHashed) value = { hashed: true, hash: r.take(32, `${WHAT} value hash`) };
    else {
      const len = Number(readCompact(r, 32, `${WHAT} value length`));
      value = { hashed: false, data: r.take(len, `${WHAT} value`) };
    }
  }

  if (kind === "leaf") {
    r.end(WHAT);
    return { kind, partial, value: value! };
  }

  const children: (Uint8Array | undefined)[] = new Array(16).fill(undefined);
  let count = 0;
  for (let i = 0; i < 16; i++) {
    if (!(bitmap & (1 << i))) continue;
    const len = Number(readCompact(r, 32, `${WHAT} child length`));
    if (len === 0 || len > INLINE_LIMIT) {
      throw new DecodeError(
        "invalid-value",
        `${WHAT} child`,
        `a reference of ${len} bytes is neither a hash nor inline`,
      );
    }
    children[i] = r.take(len, `${WHAT} child`);
    count++;
  }
  r.end(WHAT);
  if (value === undefined && count === 1) {
    throw new DecodeError("non-canonical", WHAT, "a branch without a value has a single child");
  }
  return { kind, partial, value, children };
}
