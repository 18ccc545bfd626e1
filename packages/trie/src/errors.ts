import { CanaryError } from "@canary/primitives";

/** Why a stored trie could not be read or changed. */
export type TrieErrorCode =
  | "TRIE_MISSING_NODE" // the node store lacks a node the trie references
  | "TRIE_MISSING_VALUE" // the node store lacks a hashed value the trie references
  | "TRIE_CORRUPT_NODE" // a stored node does not decode, or breaks the trie's shape
  | "TRIE_KEY_TOO_LONG" // a key longer than MAX_KEY_BYTES: its nibbles would overflow a node header
  | "TRIE_BAD_ARGUMENT" // a root or hash of the wrong form, or a call the trie's state forbids
  | "TRIE_STORE_UNDERFLOW"; // a store was asked to drop references it does not hold

export class TrieError extends CanaryError {
  declare readonly code: TrieErrorCode;

  constructor(code: TrieErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** Why a read proof was rejected. */
export type ProofErrorCode =
  | "PROOF_INCOMPLETE" // a node or hashed value on a key's path is not in the proof
  | "PROOF_INVALID_NODE" // a node on a key's path does not decode, or breaks the trie's shape
  | "PROOF_UNUSED_NODE"; // (strict mode) the proof holds a node no key needed

export class ProofError extends CanaryError {
  declare readonly code: ProofErrorCode;

  constructor(code: ProofErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
