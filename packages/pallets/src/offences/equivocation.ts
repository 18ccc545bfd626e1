/**
 * What BABE and GRANDPA need to turn an equivocation into an offence (FRAME's
 * `EquivocationReportSystem`): the owner of the offending key in the session a membership proof
 * names (Historical), the report to Offences, and the unsigned report's pool validity — accepted
 * only from this node or in a block, stale once known, never propagated.
 */
import { call, ensureNone, ensureSigned, invalid, type TransactionSource, type Weight } from "@canary/frame";
import { type AccountId32, type Codec, concatBytes, MembershipProof, str } from "@canary/primitives";
import type { SessionKeyRef } from "../historical/index.ts";
import { DuplicateReport } from "./report.ts";
import { equivocationSlash, type Offence } from "./types.ts";

export interface EquivocationReporting {
  /** The validator owning `key` in the session `proof` names; undefined when the proof does not show it. */
  checkProof(key: SessionKeyRef, proof: MembershipProof): AccountId32 | undefined;
  /** Reports to Offences; throws `DuplicateReport` when every offender was reported already. */
  reportOffence(reporters: AccountId32[], offence: Offence): void;
  isKnownOffence(kind: Uint8Array, timeSlot: Uint8Array, offenders: AccountId32[]): boolean;
  /** Blocks a report stays valid in the pool (Kusama: bonding duration × sessions per era × epoch length). */
  longevity: bigint;
}

/** An equivocation of one offender, slashed `min(3k/n, 1)²` for k concurrent offenders of n. */
export function equivocationOffence(
  kind: Uint8Array,
  timeSlot: Uint8Array,
  offender: AccountId32,
  session: number,
  validatorSetCount: number,
): Offence {
  return {
    kind,
    timeSlot,
    offenders: [offender],
    session,
    validatorSetCount,
    slashFraction: (k) => equivocationSlash(k, validatorSetCount),
  };
}

/** FRAME's `TransactionPriority::MAX`. */
const MAX_PRIORITY = (1n << 64n) - 1n;

/**
 * The validity of an unsigned equivocation report (`validate_unsigned`): only this node's
 * (`Local`) or a block's; refused with `BadProof` when the key ownership proof names no one, and
 * `Stale` when the offence is known; one report per `provides` tag.
 */
export function validateReport(
  reporting: EquivocationReporting | undefined,
  source: TransactionSource,
  report: {
    kind: Uint8Array;
    timeSlot: Uint8Array;
    key: SessionKeyRef;
    proof: MembershipProof;
    tag: string;
    provides: Uint8Array;
  },
) {
  if (source !== "Local" && source !== "InBlock")
    throw invalid({ tag: "Call" }, "equivocation reports are accepted only from the local node");
  if (!reporting) throw invalid({ tag: "Call" }, "this runtime takes no equivocation reports");
  const offender = reporting.checkProof(report.key, report.proof);
  if (!offender) throw invalid({ tag: "BadProof" }, "the key ownership proof does not hold");
  if (reporting.isKnownOffence(report.kind, report.timeSlot, [offender]))
    throw invalid({ tag: "Stale" }, "this equivocation was reported already");
  return {
    priority: MAX_PRIORITY,
    longevity: reporting.longevity,
    // `with_tag_prefix(tag).and_provides(x)`: the SCALE of (tag, x).
    provides: [concatBytes(str.enc(report.tag), report.provides)],
    propagate: false,
  };
}

/** Reports `offence` to Offences; a report it has already is the reporting pallet's `duplicate` error. */
export function reportOffence(
  system: EquivocationReporting,
  reporter: AccountId32 | undefined,
  offence: Offence,
  duplicate: () => Error,
): void {
  try {
    system.reportOffence(reporter ? [reporter] : [], offence);
  } catch (e) {
    if (e instanceof DuplicateReport) throw duplicate();
    throw e;
  }
}

/**
 * BABE's and GRANDPA's two report calls, with FRAME's indices: `report_equivocation` (0, signed:
 * the signer is the reporter) and `report_equivocation_unsigned` (1, from a block author's pool).
 * Both are free when the report holds.
 */
export function equivocationCalls<P>(
  proof: Codec<P>,
  weight: (validators: number) => Weight,
  docs: string[],
  report: (
    reporter: AccountId32 | undefined,
    args: { equivocation_proof: P; key_owner_proof: MembershipProof },
  ) => void,
) {
  const args = { equivocation_proof: proof, key_owner_proof: MembershipProof };
  const weightOf = (a: { key_owner_proof: MembershipProof }) => weight(a.key_owner_proof.validatorCount);
  return {
    report_equivocation: call({
      index: 0,
      args,
      weight: weightOf,
      docs,
      dispatch: (origin, a) => {
        report(ensureSigned(origin), a);
        return { paysFee: "No" };
      },
    }),
    report_equivocation_unsigned: call({
      index: 1,
      args,
      weight: weightOf,
      docs: [
        ...docs,
        "This extrinsic must be called unsigned and it is expected that only",
        "block authors will call it (validated in `ValidateUnsigned`), as such",
        "if the block author is defined it will be defined as the equivocation",
        "reporter.",
      ],
      dispatch: (origin, a) => {
        ensureNone(origin);
        report(undefined, a);
        return { paysFee: "No" };
      },
    }),
  };
}
