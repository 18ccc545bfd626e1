/**
 * FRAME's `ProvingTrie` (`pallet_session::historical`): one session's validators in a trie
 * (state version 0) that maps each session key `SCALE((KeyTypeId, key))` to its validator's index
 * (`u32`), and each index to `SCALE((validator, full identification))`. Canary has no exposures
 * before staking, so the identification is `()`: no bytes. A key's proof is the trie nodes on
 * both paths.
 */
import { type AccountId32, Bytes, bytesEqual, concatBytes, u32 } from "@canary/primitives";
import { buildTrie, generateProof, MemoryNodeStore, ProofError, verifyProof } from "@canary/trie";
import type { SessionKeys, SessionKeyType } from "../session/index.ts";
import type { SessionKeyRef } from "./types.ts";

const keyEntry = ({ keyType, key }: SessionKeyRef) => concatBytes(keyType, Bytes.enc(key));

export interface ProvingTrie {
  root: Uint8Array;
  /** The trie nodes that prove `key`'s owner, or undefined when no validator of the trie holds it. */
  prove(key: SessionKeyRef): Uint8Array[] | undefined;
}

/** The trie of `validators` with their keys; a validator without keys holds an index but no entries. */
export function provingTrie(
  validators: readonly AccountId32[],
  keyTypes: readonly SessionKeyType[],
  loadKeys: (who: AccountId32) => SessionKeys | undefined,
): ProvingTrie {
  const entries: Array<[Uint8Array, Uint8Array]> = [];
  validators.forEach((validator, i) => {
    const keys = loadKeys(validator);
    if (!keys) return;
    for (const type of keyTypes) {
      const key = keys[type.name];
      if (key) entries.push([keyEntry({ keyType: type.id, key }), u32.enc(i)]);
    }
    entries.push([u32.enc(i), validator]);
  });
  const store = new MemoryNodeStore();
  const root = buildTrie(entries, 0, (hash, data) => store.insert(hash, data));
  return {
    root,
    prove(key) {
      const index = entries.find(([k]) => bytesEqual(k, keyEntry(key)))?.[1];
      if (!index) return undefined;
      return generateProof(store, root, [keyEntry(key), index]);
    },
  };
}

/** The validator a proof names as `key`'s owner under `root`; undefined if the proof does not show one. */
export function queryProof(
  root: Uint8Array,
  nodes: Uint8Array[],
  key: SessionKeyRef,
): AccountId32 | undefined {
  try {
    const entry = keyEntry(key);
    const index = [...verifyProof(root, nodes, [entry]).values()][0];
    if (index?.length !== 4) return undefined;
    const owner = [...verifyProof(root, nodes, [index]).values()][0];
    // `(validator, ())`: the account and no identification bytes.
    return owner && owner.length === 32 ? owner : undefined;
  } catch (e) {
    if (e instanceof ProofError) return undefined;
    throw e;
  }
}
