/**
 * The relay's RFC-0078 metadata hash, baked in when the bundle is built (@canary/bundler defines
 * `__CANARY_METADATA_HASH__`, docs/decisions/0005-metadata-hash-at-build.md). Run from its sources
 * (tests), the runtime has none, as a Substrate runtime built without `metadata-hash`.
 */
import type { MetadataHashParams } from "@canary/frame";
import { fromHex } from "@canary/primitives";
import { TOKEN_DECIMALS, TOKEN_SYMBOL } from "./constants.ts";

declare const __CANARY_METADATA_HASH__: string | undefined;

/** What the hash commits to besides the metadata (Kusama's build script: `enable_metadata_hash("KSM", 12)`). */
export const METADATA_HASH_PARAMS: MetadataHashParams = {
  tokenSymbol: TOKEN_SYMBOL,
  decimals: TOKEN_DECIMALS,
};

/** The hash the bundle was built with, if any. */
export function builtMetadataHash(): Uint8Array | undefined {
  return typeof __CANARY_METADATA_HASH__ === "string" ? fromHex(__CANARY_METADATA_HASH__) : undefined;
}
