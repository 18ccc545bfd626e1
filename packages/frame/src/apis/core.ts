/** `sp_api::Core` v5: the API every runtime implements. */
import { Block, type Codec, Header, unit } from "@canary/primitives";
import { ExtrinsicInclusionModeCodec } from "../apiTypes.ts";
import { declareApi, fn } from "../runtimeApi.ts";
import { RuntimeVersionCodec } from "../runtimeVersion.ts";

/** Core over `block`: the runtime passes its own block type (metadata names its extrinsic). */
export const coreApi = (block: Codec<Block>) =>
  declareApi("Core", 5, {
    /** The runtime's version: names, versions and the APIs it implements. */
    version: fn([], RuntimeVersionCodec),
    /** Executes a whole block on its parent's state; panics if it is invalid. */
    execute_block: fn([["block", block]], unit),
    /** Starts building a block on `header`; says whether pool transactions may follow the inherents. */
    initialize_block: fn([["header", Header]], ExtrinsicInclusionModeCodec),
  });

/** Core as the host sees it: blocks of opaque extrinsics (the same bytes). */
export const CoreApi = coreApi(Block);
