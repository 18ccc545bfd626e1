/**
 * GRANDPA equivocations: two different signed votes of the same kind (prevote or precommit) by
 * one voter in one (set id, round). `checkGrandpaEquivocation` is
 * `sp_consensus_grandpa::check_equivocation_proof`: the targets differ and both signatures hold.
 */
import {
  type GrandpaEquivocationProof,
  type GrandpaSignedMessage,
  type GrandpaTarget,
  toHex,
} from "@canary/primitives";
import { GrandpaError } from "../errors.ts";
import { verifyGrandpaVote } from "./vote.ts";

const sameTarget = (a: GrandpaTarget, b: GrandpaTarget) =>
  a.targetNumber === b.targetNumber && toHex(a.targetHash) === toHex(b.targetHash);

/** Throws GRANDPA_NOT_EQUIVOCATION saying why the proof does not show one. */
export function checkGrandpaEquivocation(proof: GrandpaEquivocationProof): void {
  const { tag, value } = proof.equivocation;
  const [first, firstSig] = value.first;
  const [second, secondSig] = value.second;
  if (sameTarget(first, second))
    throw new GrandpaError(
      "GRANDPA_NOT_EQUIVOCATION",
      "not an equivocation: both votes have the same target",
    );
  for (const [target, signature] of [
    [first, firstSig],
    [second, secondSig],
  ] as const) {
    const signed = { message: { tag, value: target }, signature, id: value.identity } as GrandpaSignedMessage;
    if (!verifyGrandpaVote(signed, value.roundNumber, proof.setId))
      throw new GrandpaError(
        "GRANDPA_NOT_EQUIVOCATION",
        `not an equivocation: a ${tag.toLowerCase()} is not signed by ${toHex(value.identity)} for round ${value.roundNumber} of set ${proof.setId}`,
      );
  }
}

/**
 * For a voter that receives `second` after `first` in one round: an equivocation proof when both
 * are prevotes (or both precommits) by the same voter for different targets, each validly signed
 * for (round, set id); undefined otherwise (primary proposals are never equivocations).
 */
export function detectGrandpaEquivocation(
  first: GrandpaSignedMessage,
  second: GrandpaSignedMessage,
  round: bigint,
  setId: bigint,
): GrandpaEquivocationProof | undefined {
  const kind = first.message.tag;
  if (kind === "PrimaryPropose" || second.message.tag !== kind) return undefined;
  if (toHex(first.id) !== toHex(second.id)) return undefined;
  const proof: GrandpaEquivocationProof = {
    setId,
    equivocation: {
      tag: kind,
      value: {
        roundNumber: round,
        identity: first.id,
        first: [first.message.value, first.signature],
        second: [second.message.value, second.signature],
      },
    },
  };
  try {
    checkGrandpaEquivocation(proof);
    return proof;
  } catch (e) {
    if (e instanceof GrandpaError) return undefined;
    throw e;
  }
}
