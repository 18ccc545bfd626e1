/** `TransactionPaymentApi`: what an extrinsic would pay, from the same fee code the executive charges. */
import { DispatchClassCodec, type Runtime, Weight } from "@canary/frame";
import { computeFeeDetails, lengthToFee, weightToFee } from "@canary/pallets";
import { type Extrinsic, Option, Struct, u128, withIdentity } from "@canary/primitives";

const typesPath = (name: string) => ["pallet_transaction_payment", "types", name];

export const RuntimeDispatchInfoCodec = withIdentity(
  Struct({ weight: Weight, class: DispatchClassCodec, partial_fee: u128 }, "RuntimeDispatchInfo"),
  { path: typesPath("RuntimeDispatchInfo") },
);

const InclusionFeeCodec = withIdentity(
  Struct({ base_fee: u128, len_fee: u128, adjusted_weight_fee: u128 }, "InclusionFee"),
  { path: typesPath("InclusionFee") },
);

export const FeeDetailsCodec = withIdentity(
  Struct({ inclusion_fee: Option(InclusionFeeCodec), tip: u128 }, "FeeDetails"),
  { path: typesPath("FeeDetails") },
);

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
