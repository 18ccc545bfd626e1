/**
 * The RFC-0078 metadata hash of a runtime bundle, as Substrate's build script computes it
 * (`enable_metadata_hash`): evaluate the bundle, read its V15 metadata, merkleize it with the
 * token symbol and decimals the runtime declares, and hash. Metadata does not depend on the hash,
 * so the bundle built again with the hash baked in has the same metadata (bundle.ts).
 */
import { Bytes, Option, toHex } from "@canary/primitives";
import { merkleizeMetadata } from "@polkadot-api/merkleize-metadata";
import { BundlerError } from "./errors.ts";
import { evaluateBundle } from "./evaluate.ts";

/** The identifier a bundle reads its metadata hash from (an esbuild `define`). */
export const METADATA_HASH_DEFINE = "__CANARY_METADATA_HASH__";

/** The metadata version RFC-0078 hashes. */
const METADATA_VERSION = 15;

/**
 * The metadata hash of `code` (0x hex), or undefined when the runtime declares no
 * `metadataHashParams` (it does not want one, like a Substrate runtime built without the feature).
 */
export function bundleMetadataHash(code: Uint8Array, entry: string): string | undefined {
  const fail = (what: string, cause?: unknown) =>
    new BundlerError(
      "RUNTIME_BUILD_FAILED",
      `cannot compute the metadata hash of ${entry}: ${what}`,
      cause === undefined ? undefined : { cause },
    );
  // A bundle that does not evaluate, or installs no runtime, wants no hash: running it on a node
  // reports what is wrong with it.
  const bundle = evaluateBundle(code, entry);
  const params = bundle?.runtime.metadataHashParams;
  if (bundle === undefined || params === undefined) return undefined;
  let out: Uint8Array;
  try {
    out = bundle.call("Metadata_metadata_at_version", [METADATA_VERSION, 0, 0, 0]);
  } catch (cause) {
    throw fail("Metadata_metadata_at_version failed", cause);
  }
  let metadata: Uint8Array | undefined;
  try {
    metadata = Option(Bytes).dec(new Uint8Array(out));
  } catch (cause) {
    throw fail("its answer to Metadata_metadata_at_version is not an Option<Vec<u8>>", cause);
  }
  if (metadata === undefined) throw fail(`the runtime serves no V${METADATA_VERSION} metadata`);
  try {
    return toHex(merkleizeMetadata(metadata, params).digest());
  } catch (cause) {
    throw fail("merkleizing its metadata failed", cause);
  }
}
