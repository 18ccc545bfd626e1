/**
 * `sp_consensus_grandpa::GrandpaApi` v3: the current authority set and its id, which nodes and
 * light clients read, and how equivocations are reported.
 */
import {
  GrandpaAuthorityId,
  GrandpaAuthorityList,
  GrandpaEquivocationProof,
  Option,
  OptionUnit,
  u64,
} from "@canary/primitives";
import { declareApi, fn } from "../runtimeApi.ts";
import { OpaqueKeyOwnershipProof } from "./babe.ts";

export const GrandpaApi = declareApi("GrandpaApi", 3, {
  /** The current authority set with weights. */
  grandpa_authorities: fn([], GrandpaAuthorityList),
  /** Submits an equivocation report as an unsigned extrinsic; none if it was not submitted. */
  submit_report_equivocation_unsigned_extrinsic: fn(
    [
      ["equivocation_proof", GrandpaEquivocationProof],
      ["key_owner_proof", OpaqueKeyOwnershipProof],
    ],
    OptionUnit,
  ),
  /** A proof that `authority_id` was in set `set_id`, if the runtime can give one. */
  generate_key_ownership_proof: fn(
    [
      ["set_id", u64],
      ["authority_id", GrandpaAuthorityId],
    ],
    Option(OpaqueKeyOwnershipProof),
  ),
  /** The id of the current authority set. */
  current_set_id: fn([], u64),
});
