/**
 * GRANDPA equivocation reports (FRAME's `do_report_equivocation` and `validate_unsigned`): two
 * different votes of one kind by one voter in one round, both validly signed for the set, with the
 * proof that its key belonged to a validator of a session of that set, become an offence for
 * Offences (`grandpa:equivoca`, time slot = (set id, round)).
 */
import { host, type TransactionSource } from "@canary/frame";
import {
  type AccountId32,
  type GrandpaEquivocationProof,
  grandpaVotePayload,
  type MembershipProof,
  Tuple,
  u64,
} from "@canary/primitives";
import {
  type EquivocationReporting,
  equivocationOffence,
  reportOffence,
  validateReport,
} from "../offences/equivocation.ts";
import { GRANDPA_EQUIVOCATION } from "../offences/types.ts";
import type { GrandpaSelf } from "./config.ts";

export const GRANDPA_KEY_TYPE = Uint8Array.from("gran", (c) => c.charCodeAt(0));
const TimeSlot = Tuple(u64, u64);

/** `sp_consensus_grandpa::check_equivocation_proof`: different targets, both signatures valid. */
export function checkEquivocationProof({ setId, equivocation }: GrandpaEquivocationProof): boolean {
  const { roundNumber, identity, first, second } = equivocation.value;
  if (
    first[0].targetNumber === second[0].targetNumber &&
    first[0].targetHash.every((b, i) => b === second[0].targetHash[i])
  )
    return false;
  const signed = ([vote, signature]: typeof first) =>
    host().ed25519Verify(
      signature,
      grandpaVotePayload({ tag: equivocation.tag, value: vote }, roundNumber, setId),
      identity,
    );
  return signed(first) && signed(second);
}

type Report = { equivocation_proof: GrandpaEquivocationProof; key_owner_proof: MembershipProof };

export function equivocationFns(self: GrandpaSelf) {
  const { storage, config } = self;
  const reporting = (): EquivocationReporting | undefined => config.equivocation?.();

  function report(
    reporter: AccountId32 | undefined,
    { equivocation_proof: proof, key_owner_proof: owner }: Report,
  ): void {
    const system = reporting();
    if (!system || !checkEquivocationProof(proof)) throw self.fail("InvalidEquivocationProof");
    const { setId } = proof;
    const offender = system.checkProof(
      { keyType: GRANDPA_KEY_TYPE, key: proof.equivocation.value.identity },
      owner,
    );
    if (!offender) throw self.fail("InvalidKeyOwnershipProof");
    // The proof's session must lie within the set's sessions: after the previous set's, up to this one's.
    const previous = setId === 0n ? undefined : storage.SetIdSession.get(setId - 1n);
    if (setId !== 0n && previous === undefined) throw self.fail("InvalidEquivocationProof");
    const session = storage.SetIdSession.get(setId);
    if (session === undefined) throw self.fail("InvalidEquivocationProof");
    if (owner.session > session || (previous !== undefined && owner.session <= previous))
      throw self.fail("InvalidEquivocationProof");
    const timeSlot = TimeSlot.enc([setId, proof.equivocation.value.roundNumber]);
    const offence = equivocationOffence(
      GRANDPA_EQUIVOCATION,
      timeSlot,
      offender,
      owner.session,
      owner.validatorCount,
    );
    reportOffence(system, reporter, offence, () => self.fail("DuplicateOffenceReport"));
  }

  function validateUnsigned(
    source: TransactionSource,
    { equivocation_proof: proof, key_owner_proof }: Report,
  ) {
    const { identity, roundNumber } = proof.equivocation.value;
    const timeSlot = TimeSlot.enc([proof.setId, roundNumber]);
    return validateReport(reporting(), source, {
      kind: GRANDPA_EQUIVOCATION,
      timeSlot,
      key: { keyType: GRANDPA_KEY_TYPE, key: identity },
      proof: key_owner_proof,
      tag: "GrandpaEquivocation",
      provides: new Uint8Array([...identity, ...timeSlot]),
    });
  }

  return { report, validateUnsigned };
}
