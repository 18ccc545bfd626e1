/** `pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi` v4: what an extrinsic would pay. */
import { type Codec, OpaqueExtrinsic, Option, Struct, u32, u128, withIdentity } from "@canary/primitives";
import { declareApi, fn } from "../runtimeApi.ts";
import { DispatchClassCodec, Weight } from "../weights.ts";

const typesPath = (name: string) => ["pallet_transaction_payment", "types", name];

export const RuntimeDispatchInfoCodec = withIdentity(
  Struct({ weight: Weight, class: DispatchClassCodec, partial_fee: u128 }, "RuntimeDispatchInfo"),
  { path: typesPath("RuntimeDispatchInfo") },
);
export type RuntimeDispatchInfo = ReturnType<typeof RuntimeDispatchInfoCodec.dec>;

const InclusionFeeCodec = withIdentity(
  Struct({ base_fee: u128, len_fee: u128, adjusted_weight_fee: u128 }, "InclusionFee"),
  { path: typesPath("InclusionFee") },
);

export const FeeDetailsCodec = withIdentity(
  Struct({ inclusion_fee: Option(InclusionFeeCodec), tip: u128 }, "FeeDetails"),
  { path: typesPath("FeeDetails") },
);
export type FeeDetails = ReturnType<typeof FeeDetailsCodec.dec>;

/** TransactionPaymentApi over the runtime's extrinsic type (see `blockBuilderApi`). */
export const transactionPaymentApi = (xt: Codec<Uint8Array>) =>
  declareApi("TransactionPaymentApi", 4, {
    /** Weight, class and fee (without tip) of `uxt`, an extrinsic of `len` bytes. */
    query_info: fn(
      [
        ["uxt", xt],
        ["len", u32],
      ],
      RuntimeDispatchInfoCodec,
    ),
    /** The parts of `uxt`'s fee: base, length and weight fee, and the tip. */
    query_fee_details: fn(
      [
        ["uxt", xt],
        ["len", u32],
      ],
      FeeDetailsCodec,
    ),
    /** The fee for `weight`. */
    query_weight_to_fee: fn([["weight", Weight]], u128),
    /** The fee for `length` bytes. */
    query_length_to_fee: fn([["length", u32]], u128),
  });

export const TransactionPaymentApi = transactionPaymentApi(OpaqueExtrinsic);
