/**
 * FRAME's fee formula (`compute_fee_raw`) with Kusama's WeightToFee and LengthToFee:
 * `fee = base_fee + len_fee + multiplier · weight_fee + tip`, and only the tip when the call does
 * not pay. Rounding follows sp-arithmetic: `Perbill * n` rounds to nearest (ties down),
 * `FixedU128::saturating_mul_int` truncates.
 */
import { type DispatchInfo, minBig, minWeight, type Weight } from "@canary/frame";
import type { TransactionPaymentSelf } from "./config.ts";
import { type FeeDetails, FIXED_ONE, U128_MAX } from "./types.ts";

const PERBILL = 1_000_000_000n;

/** `a · b / d` rounded to nearest with ties down (sp-arithmetic's `Rounding::NearestPrefDown`). */
export function mulDivNearest(a: bigint, b: bigint, d: bigint): bigint {
  const product = a * b;
  const q = product / d;
  return (product % d) * 2n > d ? q + 1n : q;
}

const saturate = (x: bigint): bigint => minBig(x, U128_MAX);

/** The fee functions of one transaction-payment instance. */
export function feeFns({ storage, config }: TransactionPaymentSelf) {
  /** Kusama's `WeightToFee` of a weight's ref time (the polynomial of degree 1). */
  function weightToFee(weight: Weight): bigint {
    const { coeffInteger, coeffFracPerbill } = config.weightToFee;
    const w = weight.refTime;
    return saturate(mulDivNearest(w, coeffFracPerbill, PERBILL) + coeffInteger * w);
  }

  /** `LengthToFee`: a constant fee per byte. */
  function lengthToFee(length: number): bigint {
    return saturate(BigInt(length) * config.byteFee);
  }

  /** FRAME's `weight_to_fee`: the weight is capped at the block's maximum first. */
  function cappedWeightToFee(weight: Weight): bigint {
    return weightToFee(minWeight(weight, config.limits.maxBlock));
  }

  function computeFeeDetails(len: number, info: DispatchInfo, tip: bigint): FeeDetails {
    if (info.paysFee !== "Yes") return { inclusionFee: undefined, tip };
    const { limits } = config;
    const multiplier = storage.NextFeeMultiplier.get();
    return {
      inclusionFee: {
        baseFee: cappedWeightToFee(limits.perClass[info.class].baseExtrinsic),
        lenFee: lengthToFee(len),
        adjustedWeightFee: saturate((multiplier * cappedWeightToFee(info.weight)) / FIXED_ONE),
      },
      tip,
    };
  }

  /** The whole fee: inclusion fee (when the call pays) plus the tip, saturating at u128. */
  function computeFee(len: number, info: DispatchInfo, tip: bigint): bigint {
    const { inclusionFee: f } = computeFeeDetails(len, info, tip);
    return saturate((f ? f.baseFee + f.lenFee + f.adjustedWeightFee : 0n) + tip);
  }

  return { weightToFee, lengthToFee, computeFeeDetails, computeFee };
}

export type FeeFns = ReturnType<typeof feeFns>;
