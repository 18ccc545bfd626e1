/**
 * The BABE seal and block-equivocation helpers. The seal is the last digest item, `05 'BABE'`, an
 * sr25519 signature (context `substrate`) over the hash of the header without it.
 */
import {
  BABE_ENGINE_ID,
  type BabeEquivocationProof,
  type BabePreDigest,
  babePreDigests,
  blockHash,
  DecodeError,
  type Header,
  headerWithoutSeal,
  sealItem,
  toHex,
} from "@canary/primitives";
import { BabeError } from "../errors.ts";
import type { Keypair } from "../keypair.ts";
import { sr25519Sign, sr25519Verify } from "../sr25519.ts";

const isBabe = (engine: Uint8Array) => toHex(engine) === toHex(BABE_ENGINE_ID);

/** The header's one BABE pre-digest; a BabeError if it has none, several, or an undecodable one. */
export function findBabePreDigest(header: Header): BabePreDigest {
  let found: BabePreDigest[];
  try {
    found = babePreDigests(header);
  } catch (cause) {
    if (!(cause instanceof DecodeError)) throw cause;
    throw new BabeError("BABE_BAD_PRE_DIGEST", `block #${header.number} has an undecodable BABE pre-digest`, {
      cause,
    });
  }
  if (found.length === 0)
    throw new BabeError("BABE_MISSING_PRE_DIGEST", `block #${header.number} has no BABE pre-runtime digest`);
  if (found.length > 1)
    throw new BabeError(
      "BABE_MULTIPLE_PRE_DIGESTS",
      `block #${header.number} has ${found.length} BABE pre-digests`,
    );
  return found[0]!;
}

/** Appends the author's seal to an unsealed header. */
export function sealBabeHeader(header: Header, pair: Keypair): Header {
  const signature = sr25519Sign(pair, blockHash(header));
  return { ...header, digest: [...header.digest, sealItem(BABE_ENGINE_ID, signature)] };
}

/** Whether the header ends with a BABE seal by `publicKey` over the hash of the rest. */
export function verifyBabeSeal(header: Header, publicKey: Uint8Array): boolean {
  const split = headerWithoutSeal(header);
  if (!split || !isBabe(split.seal.engine)) return false;
  return sr25519Verify(split.seal.data, blockHash(split.header), publicKey);
}

/**
 * Two headers by one author in one slot (`sp_consensus_babe::check_equivocation_proof`): the hashes
 * differ, both pre-digests name the same slot (the proof's) and authority index, and both seals
 * verify with the offender's key. Throws BABE_NOT_EQUIVOCATION saying which condition fails.
 */
export function checkBabeEquivocation(proof: BabeEquivocationProof): void {
  const fail = (why: string) => {
    throw new BabeError("BABE_NOT_EQUIVOCATION", `not a BABE equivocation: ${why}`);
  };
  if (toHex(blockHash(proof.firstHeader)) === toHex(blockHash(proof.secondHeader)))
    fail("the headers are the same");
  const digests = [proof.firstHeader, proof.secondHeader].map((h) => {
    try {
      return findBabePreDigest(h);
    } catch (cause) {
      return fail(`a header has no single valid pre-digest (${(cause as Error).message})`);
    }
  });
  const [a, b] = digests as [BabePreDigest, BabePreDigest];
  if (a.value.slot !== proof.slot || b.value.slot !== proof.slot)
    fail(`the headers claim slots ${a.value.slot} and ${b.value.slot}, the proof slot ${proof.slot}`);
  if (a.value.authorityIndex !== b.value.authorityIndex)
    fail(`authority indices ${a.value.authorityIndex} and ${b.value.authorityIndex} differ`);
  if (
    !verifyBabeSeal(proof.firstHeader, proof.offender) ||
    !verifyBabeSeal(proof.secondHeader, proof.offender)
  )
    fail("a seal is not the offender's");
}

/**
 * Detection for an importing node: given a header it already saw from the same slot and
 * authority, a proof if `second` is a different header of that slot by that author (seals are
 * checked); undefined otherwise.
 */
export function detectBabeEquivocation(
  first: Header,
  second: Header,
  offender: Uint8Array,
): BabeEquivocationProof | undefined {
  let slot: bigint;
  try {
    slot = findBabePreDigest(first).value.slot;
  } catch {
    return undefined;
  }
  const proof = { offender, slot, firstHeader: first, secondHeader: second };
  try {
    checkBabeEquivocation(proof);
    return proof;
  } catch {
    return undefined;
  }
}
