/**
 * Block authorship digests, in BABE's format so that clients parse them as they parse Kusama's:
 * a pre-runtime `SecondaryPlain { authority_index, slot }` and a seal, the author's sr25519
 * signature over the hash of the header without the seal. The dev chain's authorities are set by
 * the node (no BABE pallet yet); a block sealed by anyone else is refused.
 */
import { type Keypair, sr25519Sign, sr25519Verify } from "@canary/crypto";
import {
  BABE_ENGINE_ID,
  blockHash,
  bytesEqual,
  DecodeError,
  type DigestItem,
  Enum,
  type Header,
  headerWithoutSeal,
  Struct,
  u32,
  u64,
} from "@canary/primitives";
import { ChainError } from "./errors.ts";

export const BabePreDigest = Enum(
  {
    Primary: [1, Struct({ authority_index: u32, slot: u64 })],
    SecondaryPlain: [2, Struct({ authority_index: u32, slot: u64 })],
  } as const,
  "BABE PreDigest",
);

/** The pre-runtime digest item of the author at `authorityIndex` for `slot`. */
export function preRuntimeDigest(authorityIndex: number, slot: bigint): DigestItem {
  const data = BabePreDigest.enc({ tag: "SecondaryPlain", value: { authority_index: authorityIndex, slot } });
  return { tag: "PreRuntime", value: { engine: BABE_ENGINE_ID, data } };
}

/** The header with the author's seal appended. */
export function sealHeader(header: Header, author: Keypair): Header {
  const signature = sr25519Sign(author, blockHash(header));
  return {
    ...header,
    digest: [...header.digest, { tag: "Seal", value: { engine: BABE_ENGINE_ID, data: signature } }],
  };
}

/** The slot and author a header's BABE pre-runtime digest claims; undefined when it has none. */
export function slotClaim(header: Header): { slot: bigint; authorityIndex: number } | undefined {
  const pre = header.digest.find((d) => d.tag === "PreRuntime" && bytesEqual(d.value.engine, BABE_ENGINE_ID));
  if (pre?.tag !== "PreRuntime") return undefined;
  try {
    const { slot, authority_index } = BabePreDigest.dec(pre.value.data).value;
    return { slot, authorityIndex: authority_index };
  } catch (e) {
    if (e instanceof DecodeError)
      throw new ChainError("BLOCK_BAD_SEAL", `block #${header.number}: ${e.message}`, { cause: e });
    throw e;
  }
}

/**
 * Refuses a block that is not its slot's: authorities take slots in turn (slot mod their number),
 * a block's slot comes after its parent's, and the seal is that authority's signature.
 */
export function checkSeal(header: Header, parent: Header, authorities: readonly Uint8Array[]): void {
  const split = headerWithoutSeal(header);
  if (!split || !bytesEqual(split.seal.engine, BABE_ENGINE_ID)) {
    throw new ChainError("BLOCK_BAD_SEAL", `block #${header.number} carries no BABE seal`);
  }
  const claim = slotClaim(split.header);
  if (!claim) {
    throw new ChainError(
      "BLOCK_BAD_SEAL",
      `block #${header.number} names no author (no BABE pre-runtime digest)`,
    );
  }
  const { slot, authorityIndex: index } = claim;
  const key = authorities[index];
  if (!key) throw new ChainError("BLOCK_BAD_SEAL", `block #${header.number}: no authority #${index}`);
  const owner = Number(slot % BigInt(authorities.length));
  if (owner !== index) {
    throw new ChainError(
      "BLOCK_WRONG_SLOT",
      `block #${header.number}: slot ${slot} is authority #${owner}'s turn, not #${index}'s`,
    );
  }
  const parentSlot = parent.number === 0 ? 0n : (slotClaim(parent)?.slot ?? 0n);
  if (slot <= parentSlot) {
    throw new ChainError(
      "BLOCK_WRONG_SLOT",
      `block #${header.number}: slot ${slot} does not come after its parent's slot ${parentSlot}`,
    );
  }
  if (!sr25519Verify(split.seal.data, blockHash(split.header), key)) {
    throw new ChainError(
      "BLOCK_BAD_SEAL",
      `block #${header.number}: the seal is not authority #${index}'s signature`,
    );
  }
}
