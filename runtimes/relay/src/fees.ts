/** `TransactionPaymentApi`: what an extrinsic would pay, from the same fee code the executive charges. */
import type { Runtime, Weight } from "@canary/frame";
import { computeFeeDetails, lengthToFee, weightToFee } from "@canary/pallets";
import type { Extrinsic } from "@canary/primitives";

/** As FRAME's `query_fee_details`: unsigned extrinsics pay nothing; the tip is not counted. */
export function feeDetails(runtime: Runtime, xt: Extrinsic, len: number) {
  if (!xt.signed) return { inclusion_fee: undefined, tip: 0n };
  const d = computeFeeDetails(len, runtime.info(runtime.callCodec.dec(xt.call)), 0n);
  return {
    inclusion_fee: d.inclusionFee && {
      base_fee: d.inclusionFee.baseFee,
      len_fee: d.inclusionFee.lenFee,
      adjusted_weight_fee: d.inclusionFee.adjustedWeightFee,
    },
    tip: d.tip,
  };
}

export function queryInfo(runtime: Runtime, xt: Extrinsic, len: number) {
  const info = runtime.info(runtime.callCodec.dec(xt.call));
  const fee = feeDetails(runtime, xt, len).inclusion_fee;
  return {
    weight: info.weight,
    class: { tag: info.class },
    partial_fee: fee ? fee.base_fee + fee.len_fee + fee.adjusted_weight_fee : 0n,
  };
}

export const weightToFeeOf = (weight: Weight): bigint => weightToFee(weight);
export const lengthToFeeOf = (length: number): bigint => lengthToFee(length);
