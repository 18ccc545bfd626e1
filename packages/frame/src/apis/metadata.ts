/** `sp_api::Metadata` v2: the runtime's SCALE metadata. */
import { Option, u32, Vec } from "@canary/primitives";
import { OpaqueMetadata } from "../apiTypes.ts";
import { declareApi, fn } from "../runtimeApi.ts";

export const MetadataApi = declareApi("Metadata", 2, {
  /** Metadata V14, the version every client reads. */
  metadata: fn([], OpaqueMetadata),
  /** Metadata in `version`, if the runtime offers it. */
  metadata_at_version: fn([["version", u32]], Option(OpaqueMetadata)),
  /** The metadata versions `metadata_at_version` serves. */
  metadata_versions: fn([], Vec(u32)),
});
