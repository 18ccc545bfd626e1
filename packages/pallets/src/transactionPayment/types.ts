/**
 * Transaction payment's types: the fee multiplier (FRAME's `FixedU128`, 18 decimals, as a bigint
 * of its inner value) and the fee breakdown `query_fee_details` reports.
 */
import { Enum, u128, withIdentity } from "@canary/primitives";

/** 1.0 as a FixedU128 inner value. */
export const FIXED_ONE = 1_000_000_000_000_000_000n;
export const U128_MAX = (1n << 128n) - 1n;

export const Multiplier = {
  ...u128,
  desc: {
    kind: "composite",
    path: ["sp_arithmetic", "fixed_point", "FixedU128"],
    fields: [{ type: u128.desc, typeName: "u128" }],
  },
} as typeof u128;

/** FRAME's storage-layout marker (`Releases`): genesis writes V2. */
export const Releases = withIdentity(Enum({ V1Ancient: [0], V2: [1] } as const, "Releases"), {
  path: ["pallet_transaction_payment", "Releases"],
});

export interface InclusionFee {
  /** The fee every extrinsic of its class pays: WeightToFee(base extrinsic weight). */
  baseFee: bigint;
  /** TransactionByteFee × encoded length. */
  lenFee: bigint;
  /** NextFeeMultiplier × WeightToFee(weight). */
  adjustedWeightFee: bigint;
}

/** Undefined `inclusionFee` when the call does not pay (`Pays::No`): only the tip is due. */
export interface FeeDetails {
  inclusionFee: InclusionFee | undefined;
  tip: bigint;
}
