/** `sp_transaction_pool::runtime_api::TaggedTransactionQueue` v3: what the pool asks of a transaction. */
import { type Codec, H256, OpaqueExtrinsic } from "@canary/primitives";
import { TransactionSourceCodec, TransactionValidityCodec } from "../executive/transactionValidity.ts";
import { declareApi, fn } from "../runtimeApi.ts";

/** TaggedTransactionQueue over the runtime's extrinsic type (see `blockBuilderApi`). */
export const taggedTransactionQueueApi = (xt: Codec<Uint8Array>) =>
  declareApi("TaggedTransactionQueue", 3, {
    /**
     * Validates `tx` from `source` on the state of `block_hash`: its priority, the tags it
     * requires and provides and how long it stays valid, or why it is invalid.
     */
    validate_transaction: fn(
      [
        ["source", TransactionSourceCodec],
        ["tx", xt],
        ["block_hash", H256],
      ],
      TransactionValidityCodec,
    ),
  });

export const TaggedTransactionQueueApi = taggedTransactionQueueApi(OpaqueExtrinsic);
