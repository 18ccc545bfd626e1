/**
 * BABE equivocation reports (FRAME's `do_report_equivocation` and `validate_unsigned`): two
 * headers of one slot sealed by the same authority, with the proof that its key belonged to a
 * validator of the slot's session, become an offence for Offences (`babe:equivocatio`, time slot
 * = the slot). `sp_consensus_babe::check_equivocation_proof` decides whether the headers equivocate.
 */
import { host, type TransactionSource } from "@canary/frame";
import {
  type AccountId32,
  BABE_ENGINE_ID,
  type BabeEquivocationProof,
  babePreDigests,
  blockHash,
  bytesEqual,
  type Header,
  headerWithoutSeal,
  type MembershipProof,
  u64,
} from "@canary/primitives";
import {
  type EquivocationReporting,
  equivocationOffence,
  reportOffence,
  validateReport,
} from "../offences/equivocation.ts";
import { BABE_EQUIVOCATION } from "../offences/types.ts";
import type { BabeSelf } from "./config.ts";

export const BABE_KEY_TYPE = Uint8Array.from("babe", (c) => c.charCodeAt(0));

const slotOf = (header: Header) => {
  const pre = babePreDigests(header);
  return pre.length === 1 ? pre[0]!.value : undefined;
};

/** Whether the offender's key sealed `header` (the seal signs the hash of the header without it). */
function sealedBy(header: Header, offender: Uint8Array): boolean {
  const split = headerWithoutSeal(header);
  if (!split || !bytesEqual(split.seal.engine, BABE_ENGINE_ID) || split.seal.data.length !== 64) return false;
  return host().sr25519Verify(split.seal.data, blockHash(split.header), offender);
}

/** `sp_consensus_babe::check_equivocation_proof`. */
export function checkEquivocationProof(proof: BabeEquivocationProof): boolean {
  const { firstHeader: first, secondHeader: second } = proof;
  if (bytesEqual(blockHash(first), blockHash(second))) return false;
  let a: ReturnType<typeof slotOf>;
  let b: ReturnType<typeof slotOf>;
  try {
    a = slotOf(first);
    b = slotOf(second);
  } catch {
    return false;
  }
  if (!a || !b || a.slot !== proof.slot || b.slot !== proof.slot) return false;
  if (a.authorityIndex !== b.authorityIndex) return false;
  return sealedBy(first, proof.offender) && sealedBy(second, proof.offender);
}

type Report = { equivocation_proof: BabeEquivocationProof; key_owner_proof: MembershipProof };

export function equivocationFns(self: BabeSelf, epochDuration: () => bigint) {
  const { storage, config } = self;
  const reporting = (): EquivocationReporting | undefined => config.equivocation?.();

  /** FRAME's `session_index_for_epoch`: epochs map to sessions one to one, less the skipped ones. */
  function sessionIndexForEpoch(epoch: bigint): number {
    const skipped = storage.SkippedEpochs.get();
    const exact = skipped.find(([e]) => e === epoch);
    if (exact) return exact[1];
    const before = skipped.filter(([e]) => e < epoch).at(-1);
    return Number(before ? epoch - (before[0] - BigInt(before[1])) : epoch);
  }

  function report(
    reporter: AccountId32 | undefined,
    { equivocation_proof: proof, key_owner_proof: owner }: Report,
  ): void {
    const system = reporting();
    if (!system || !checkEquivocationProof(proof)) throw self.fail("InvalidEquivocationProof");
    const epoch = (proof.slot - storage.GenesisSlot.get()) / epochDuration();
    // The proof must be of the session the slot is in.
    if (sessionIndexForEpoch(epoch) !== owner.session) throw self.fail("InvalidKeyOwnershipProof");
    const offender = system.checkProof({ keyType: BABE_KEY_TYPE, key: proof.offender }, owner);
    if (!offender) throw self.fail("InvalidKeyOwnershipProof");
    const offence = equivocationOffence(
      BABE_EQUIVOCATION,
      u64.enc(proof.slot),
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
    return validateReport(reporting(), source, {
      kind: BABE_EQUIVOCATION,
      timeSlot: u64.enc(proof.slot),
      key: { keyType: BABE_KEY_TYPE, key: proof.offender },
      proof: key_owner_proof,
      tag: "BabeEquivocation",
      provides: new Uint8Array([...proof.offender, ...u64.enc(proof.slot)]),
    });
  }

  return { report, validateUnsigned, sessionIndexForEpoch };
}
