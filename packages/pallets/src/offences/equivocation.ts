/**
 * What BABE and GRANDPA need to turn an equivocation into an offence (FRAME's
 * `EquivocationReportSystem`): the owner of the offending key in the session a membership proof
 * names (Historical), the report to Offences, and the unsigned report's pool validity — accepted
 * only from this node or in a block, stale once known, never propagated.
 */
import { invalid, type TransactionSource } from "@canary/frame";
import { type AccountId32, concatBytes, type MembershipProof, str } from "@canary/primitives";
import type { SessionKeyRef } from "../historical/index.ts";
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
