/**
 * `sp_consensus_babe::BabeApi` v2: what nodes and light clients read of BABE (the genesis
 * configuration, the current and next epochs) and how equivocations are reported. The runtime's
 * header type names its equivocation proof in metadata; the bytes are the same for the host.
 */
import {
  BabeAuthorityId,
  BabeConfiguration,
  BabeEpoch,
  BabeEquivocationProof,
  Bytes,
  Option,
  OptionUnit,
  u64,
} from "@canary/primitives";
import { declareApi, fn } from "../runtimeApi.ts";

/** `OpaqueKeyOwnershipProof`: a proof that a key belonged to a validator, opaque to the host. */
export const OpaqueKeyOwnershipProof = Bytes;

export const BabeApi = declareApi("BabeApi", 2, {
  /** The slot duration, epoch length, c, genesis authorities and randomness, and allowed slots. */
  configuration: fn([], BabeConfiguration),
  /** The first slot of the current epoch. */
  current_epoch_start: fn([], u64),
  /** The current epoch: index, start, duration, authorities, randomness and configuration. */
  current_epoch: fn([], BabeEpoch),
  /** The next epoch, as announced by the last `NextEpochData` log. */
  next_epoch: fn([], BabeEpoch),
  /** A proof that `authority_id` was an authority at `slot`, if the runtime can give one. */
  generate_key_ownership_proof: fn(
    [
      ["slot", u64],
      ["authority_id", BabeAuthorityId],
    ],
    Option(OpaqueKeyOwnershipProof),
  ),
  /** Submits an equivocation report as an unsigned extrinsic; none if it was not submitted. */
  submit_report_equivocation_unsigned_extrinsic: fn(
    [
      ["equivocation_proof", BabeEquivocationProof],
      ["key_owner_proof", OpaqueKeyOwnershipProof],
    ],
    OptionUnit,
  ),
});
