/**
 * Read proofs in Substrate's `StorageProof` format: an unordered set of encoded nodes (and
 * hashed values) from which a verifier who trusts only the root can look keys up. Each entry
 * is addressed by its own blake2_256 hash, so a tampered or missing entry shows as a gap on
 * the path, and the verifier refuses to answer rather than answer wrongly.
 */
import { blake2_256, DecodeError } from "@canary/primitives";
import { ProofError, TrieError } from "./errors.ts";
import { type Fetch, lookupValue } from "./lookup.ts";
import { type HashHex, hashKey, type NodeStore } from "./nodeStore.ts";

/**
 * The nodes and hashed values needed to prove the value, or the absence, of each key in the
 * trie at `root`, each once, in the order first visited.
 */
export function generateProof(store: NodeStore, root: Uint8Array, keys: Iterable<Uint8Array>): Uint8Array[] {
  const nodes = new Map<HashHex, Uint8Array>();
  const fetch: Fetch = (hash, kind) => {
    const data = store.get(hash);
    if (data === undefined) {
      const code = kind === "node" ? "TRIE_MISSING_NODE" : "TRIE_MISSING_VALUE";
      throw new TrieError(code, `${kind} ${hashKey(hash)} is not in the store`);
    }
    nodes.set(hashKey(hash), data.slice()); // standalone copies: a store may hand out views
    return data;
  };
  for (const key of keys) {
    try {
      lookupValue(root, key, fetch);
    } catch (e) {
      if (e instanceof DecodeError) throw new TrieError("TRIE_CORRUPT_NODE", e.message, { cause: e });
      throw e;
    }
  }
  return [...nodes.values()];
}

export interface VerifyProofOptions {
  /** Also reject a proof holding entries no key needed (Substrate accepts them). */
  rejectUnused?: boolean;
}

/**
 * Looks `keys` up in `proof` against the trusted `root`. Returns, per key (as `0x` hex), its
 * value or undefined when the proof shows it absent. Throws ProofError when the proof cannot
 * answer for a key (PROOF_INCOMPLETE: tampered or missing entries look the same) or holds a
 * malformed node on a key's path (PROOF_INVALID_NODE).
 */
export function verifyProof(
  root: Uint8Array,
  proof: Iterable<Uint8Array>,
  keys: Iterable<Uint8Array>,
  options: VerifyProofOptions = {},
): Map<HashHex, Uint8Array | undefined> {
  const byHash = new Map<HashHex, Uint8Array>();
  for (const entry of proof) byHash.set(hashKey(blake2_256(entry)), entry);
  const used = new Set<HashHex>();
  const fetch: Fetch = (hash, kind) => {
    const key = hashKey(hash);
    const data = byHash.get(key);
    if (data === undefined) throw new ProofError("PROOF_INCOMPLETE", `the proof lacks the ${kind} ${key}`);
    used.add(key);
    return data;
  };
  const out = new Map<HashHex, Uint8Array | undefined>();
  for (const key of keys) {
    let value: Uint8Array | undefined;
    try {
      value = lookupValue(root, key, fetch);
    } catch (e) {
      if (e instanceof DecodeError) {
        throw new ProofError("PROOF_INVALID_NODE", `on the path of ${hashKey(key)}: ${e.message}`, {
          cause: e,
        });
      }
      throw e;
    }
    out.set(hashKey(key), value?.slice());
  }
  if (options.rejectUnused && used.size < byHash.size) {
    throw new ProofError(
      "PROOF_UNUSED_NODE",
      `${byHash.size - used.size} proof entr(ies) prove none of the keys`,
    );
  }
  return out;
}
