/**
 * The tables of the node's database, each an LMDB named sub-database with binary keys and values.
 * Block hashes and trie node hashes are 32-byte blake2b-256; numbers in keys are u32 big-endian so
 * that byte order is numeric order (see keys.ts).
 *
 * Changing a table's name, key or value layout is a schema change: bump SCHEMA_VERSION in meta.ts.
 */
export const TABLES = [
  /** string key (UTF-8) → value. Keys and layouts in meta.ts: schema version, chain identity, best and finalized block. */
  "meta",
  /** blockHash → SCALE header. */
  "header",
  /** blockHash → SCALE Vec<extrinsic> (the block body). */
  "body",
  /** blockHash → SCALE Justifications (Vec<(engine id, bytes)>), only for blocks that have one. */
  "justification",
  /**
   * u32 BE number → blockHash of each finalized block that enacts a GRANDPA authority-set change
   * (its justification, by the old set, is in `justification`): the fragments of a warp proof.
   */
  "grandpaSetChange",
  /** blockHash → u32 BE fork-choice weight: the primary BABE blocks from genesis to it, inclusive. */
  "blockWeight",
  /**
   * u32 BE number ++ blockHash → empty. Every stored block, forks included; a prefix scan over the
   * 4-byte number lists the blocks at one height, which pruning of abandoned forks needs.
   * A composite key (rather than number → list of hashes) makes adding a block a plain insert.
   */
  "blockNumber",
  /** u32 BE number → blockHash of the block at that height on the canonical (best, then finalized) chain. */
  "canonicalHash",
  /**
   * trie node hash → encoded trie node, exactly as hashed. Nodes are shared between blocks' states,
   * so deletion is decided by the reference count in `trieNodeRefs`, kept in a table of its own:
   * reading a node (the hot path) returns the stored bytes with no header to strip, and changing a
   * count rewrites 4 bytes instead of the node.
   */
  "trieNode",
  /** trie node hash → u32 BE reference count: how many retained block states insert this node. Absent = 0 = deletable. */
  "trieNodeRefs",
  /**
   * u32 BE number ++ blockHash → SCALE (Vec<nodeHash> inserted, Vec<nodeHash> removed) by that block's
   * state change. Pruning replays it: once a block leaves the retained window its `removed` nodes lose a
   * reference, and a discarded fork's `inserted` nodes lose theirs.
   */
  "stateJournal",
] as const;

export type Table = (typeof TABLES)[number];

export function isTable(name: string): name is Table {
  return (TABLES as readonly string[]).includes(name);
}
