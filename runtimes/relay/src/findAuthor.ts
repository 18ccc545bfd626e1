/** The BABE authority index a block's pre-runtime digest names (Kusama's `FindAuthor` for Babe). */
import { PreDigest } from "@canary/pallets";
import { BABE_ENGINE_ID, bytesEqual, DecodeError, type DigestItem } from "@canary/primitives";

export function babeAuthorIndex(digest: readonly DigestItem[]): number | undefined {
  for (const item of digest) {
    if (item.tag !== "PreRuntime" || !bytesEqual(item.value.engine, BABE_ENGINE_ID)) continue;
    try {
      return PreDigest.dec(item.value.data).value.authorityIndex;
    } catch (e) {
      // An undecodable claim names no author; the node refuses such a block before it runs.
      if (e instanceof DecodeError) return undefined;
      throw e;
    }
  }
  return undefined;
}
