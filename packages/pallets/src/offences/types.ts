/**
 * Offences' types: an offence as a consensus pallet reports it (FRAME's `Offence` trait), its kind
 * and time slot, and the details stored per offender.
 */
import { AccountId32, Bytes, FixedBytes, Struct, Vec, withIdentity } from "@canary/primitives";

/** `Kind = [u8; 16]`: which offence, e.g. `babe:equivocatio`. */
export const Kind = FixedBytes(16, "Kind");
/** `OpaqueTimeSlot = Vec<u8>`: the SCALE encoding of the offence's time slot. */
export const OpaqueTimeSlot = Bytes;

/** FRAME's `OffenceDetails`: the offender (its validator id until staking adds its exposure) and who reported. */
export const OffenceDetails = withIdentity(
  Struct({ offender: AccountId32, reporters: Vec(AccountId32) }, "OffenceDetails"),
  { path: ["sp_staking", "offence", "OffenceDetails"] },
);
export interface OffenceDetails {
  offender: Uint8Array;
  reporters: Uint8Array[];
}

/** An offence as reported: its kind, the encoded time slot, the offenders and the session it happened in. */
export interface Offence {
  kind: Uint8Array;
  timeSlot: Uint8Array;
  offenders: Uint8Array[];
  session: number;
  validatorSetCount: number;
  /** The slash fraction (parts per billion) for `offendersCount` concurrent offenders. */
  slashFraction(offendersCount: number): bigint;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
/** Kinds of BABE's and GRANDPA's equivocations, as Substrate names them. */
export const BABE_EQUIVOCATION = ascii("babe:equivocatio");
export const GRANDPA_EQUIVOCATION = ascii("grandpa:equivoca");

const PERBILL = 1_000_000_000n;

/**
 * BABE's and GRANDPA's equivocation slash: `min(3k/n, 1)²` as Perbill, `from_rational` rounding
 * down and the square truncating, as sp-arithmetic.
 */
export function equivocationSlash(offenders: number, validatorSetCount: number): bigint {
  if (validatorSetCount === 0) return 0n;
  const x =
    BigInt(3 * offenders) >= BigInt(validatorSetCount)
      ? PERBILL
      : (BigInt(3 * offenders) * PERBILL) / BigInt(validatorSetCount);
  return (x * x) / PERBILL;
}
