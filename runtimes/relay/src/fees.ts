/** `TransactionPaymentApi`: what an extrinsic would pay, from the same fee code the executive charges. */
import type { Weight } from "@canary/frame";
import { extrinsicCodec } from "@canary/primitives";
import type { Relay } from "./runtime.ts";

/** The extrinsic in the runtime's own format (its extension list). */
function decode({ extensions }: Relay, uxt: Uint8Array) {
  return extrinsicCodec(extensions.extra).dec(uxt);
}

/** As FRAME's `query_fee_details`: unsigned extrinsics pay nothing; the tip is not counted. */
export function feeDetails(relay: Relay, uxt: Uint8Array, len: number) {
  const { runtime, pallets } = relay;
  const xt = decode(relay, uxt);
  if (!xt.signed) return { inclusion_fee: undefined, tip: 0n };
  const d = pallets.transactionPayment.api.computeFeeDetails(
    len,
    runtime.info(runtime.callCodec.dec(xt.call)),
    0n,
  );
  return {
    inclusion_fee: d.inclusionFee && {
      base_fee: d.inclusionFee.baseFee,
      len_fee: d.inclusionFee.lenFee,
      adjusted_weight_fee: d.inclusionFee.adjustedWeightFee,
    },
    tip: d.tip,
  };
}

export function queryInfo(relay: Relay, uxt: Uint8Array, len: number) {
  const { runtime } = relay;
  const info = runtime.info(runtime.callCodec.dec(decode(relay, uxt).call));
  const fee = feeDetails(relay, uxt, len).inclusion_fee;
  return {
    weight: info.weight,
    class: { tag: info.class },
    partial_fee: fee ? fee.base_fee + fee.len_fee + fee.adjusted_weight_fee : 0n,
  };
}

export const weightToFeeOf = ({ pallets }: Relay, weight: Weight): bigint =>
  pallets.transactionPayment.api.weightToFee(weight);
export const lengthToFeeOf = ({ pallets }: Relay, length: number): bigint =>
  pallets.transactionPayment.api.lengthToFee(length);
