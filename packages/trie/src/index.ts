export { ProofError, type ProofErrorCode, TrieError, type TrieErrorCode } from "./errors.ts";
export { type Fetch, lookupValue } from "./lookup.ts";
export {
  type BranchNode,
  decodeNode,
  type EmptyNode,
  encodeNode,
  HASHED_VALUE_THRESHOLD,
  INLINE_LIMIT,
  isHashedValue,
  type LeafNode,
  MAX_KEY_BYTES,
  MAX_PARTIAL_NIBBLES,
  type NodeValue,
  type TrieNode,
} from "./nodeCodec.ts";
export { type HashHex, hashKey, MemoryNodeStore, type NodeStore, type TrieCommit } from "./nodeStore.ts";
export { orderedTrieKey, orderedTrieRoot } from "./orderedRoot.ts";
export { generateProof, type VerifyProofOptions, verifyProof } from "./proof.ts";
export { buildTrie, EMPTY_TRIE_ROOT, type NodeSink, trieRoot } from "./root.ts";
export { type ClearPrefixResult, TrieDb } from "./trieDb.ts";
