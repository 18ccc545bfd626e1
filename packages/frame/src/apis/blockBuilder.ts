/** `sp_block_builder::BlockBuilder` v6: building a block one extrinsic at a time. */
import { Block, blockCodec, type Codec, Header, OpaqueExtrinsic, Vec } from "@canary/primitives";
import { CheckInherentsResultCodec, InherentDataCodec } from "../apiTypes.ts";
import { ApplyExtrinsicResultCodec } from "../executive/executive.ts";
import { declareApi, fn } from "../runtimeApi.ts";

/**
 * BlockBuilder over the runtime's extrinsic type `xt` (and its block): metadata names the
 * runtime's `UncheckedExtrinsic`; the bytes are those of an opaque extrinsic either way.
 */
export const blockBuilderApi = (xt: Codec<Uint8Array>, block: Codec<Block> = blockCodec(xt.desc)) =>
  declareApi("BlockBuilder", 6, {
    /** Applies one extrinsic to the block being built: whether it was included, and its outcome. */
    apply_extrinsic: fn([["extrinsic", xt]], ApplyExtrinsicResultCodec),
    /** Ends the block being built; returns its header (state and extrinsics roots set). */
    finalize_block: fn([], Header),
    /** The inherent extrinsics for the author's inherent data (e.g. its clock). */
    inherent_extrinsics: fn([["inherent", InherentDataCodec]], Vec(xt)),
    /** Checks a block's inherents against the importer's inherent data. */
    check_inherents: fn(
      [
        ["block", block],
        ["data", InherentDataCodec],
      ],
      CheckInherentsResultCodec,
    ),
  });

export const BlockBuilderApi = blockBuilderApi(OpaqueExtrinsic, Block);
