/**
 * Key-ownership proofs (FRAME's `KeyOwnerProofSystem` for Historical): `prove` makes a membership
 * proof of a key in the current session; `checkProof` names the key's owner from a proof of the
 * current session (Session's own key owners answer, as FRAME) or of a past one (the trie proof
 * against the root noted for that session). The validator count must match either way.
 */
import type { AccountId32, MembershipProof } from "@canary/primitives";
import type { HistoricalSelf } from "./config.ts";
import { provingTrie, queryProof } from "./provingTrie.ts";
import type { SessionKeyRef } from "./types.ts";

export function proofFns({ storage, config }: HistoricalSelf) {
  const session = () => config.session().api;
  const trieOf = (validators: readonly AccountId32[]) =>
    provingTrie(validators, session().keyTypes, session().loadKeys);

  function prove(key: SessionKeyRef): MembershipProof | undefined {
    const validators = session().validators();
    const trieNodes = trieOf(validators).prove(key);
    if (!trieNodes) return undefined;
    return { session: session().currentIndex(), trieNodes, validatorCount: validators.length };
  }

  function checkProof(key: SessionKeyRef, proof: MembershipProof): AccountId32 | undefined {
    if (proof.session === session().currentIndex()) {
      const owner = session().keyOwner(key.keyType, key.key);
      if (!owner || session().validators().length !== proof.validatorCount) return undefined;
      // FRAME's FullIdentificationOf is total before staking: every owner is identified.
      return owner;
    }
    const noted = storage.HistoricalSessions.get(proof.session);
    if (!noted || noted[1] !== proof.validatorCount) return undefined;
    return queryProof(noted[0], proof.trieNodes, key);
  }

  return { prove, checkProof, trieOf };
}
