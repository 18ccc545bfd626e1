/**
 * A read-only walk over encoded nodes: the one lookup that proof generation and proof
 * verification share, so both follow exactly the same path for a key.
 */
import { bytesEqual, DecodeError } from "@canary/primitives";
import { commonPrefix, toNibbles } from "./nibbles.ts";
import { decodeNode } from "./nodeCodec.ts";
import { EMPTY_TRIE_ROOT } from "./root.ts";

/** Returns the node or value stored under `hash`, or throws if it cannot. */
export type Fetch = (hash: Uint8Array, kind: "node" | "value") => Uint8Array;

/**
 * The value of `key` in the trie with root `root`, reading hashed nodes and values through
 * `fetch`. Throws DecodeError for a malformed node on the path.
 */
export function lookupValue(root: Uint8Array, key: Uint8Array, fetch: Fetch): Uint8Array | undefined {
  if (bytesEqual(root, EMPTY_TRIE_ROOT)) return undefined;
  const nib = toNibbles(key);
  let ref = root;
  let pos = 0;
  for (;;) {
    const node = decodeNode(ref.length === 32 ? fetch(ref, "node") : ref);
    if (node.kind === "empty")
      throw new DecodeError("invalid-value", "trie node", "an empty node inside a trie");
    const p = node.partial;
    if (nib.length - pos < p.length || commonPrefix(p, nib, pos) < p.length) return undefined;
    pos += p.length;
    if (pos === nib.length) {
      const v = node.value;
      if (v === undefined) return undefined;
      return v.hashed ? fetch(v.hash, "value") : v.data;
    }
    if (node.kind === "leaf") return undefined;
    const child = node.children[nib[pos]!];
    if (child === undefined) return undefined;
    ref = child;
    pos++;
  }
}
