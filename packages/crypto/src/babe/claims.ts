/**
 * BABE slot claims, as `sc_consensus_babe::authorship` and `verification` (and smoldot's
 * `verify/babe.rs`) decide them:
 * - primary: the VRF claim value is below `floor(2^128 · (1 − (1 − c)^(w/Σw)))`, computed in f64
 *   and converted exactly (num-rational's `from_float`), as Substrate does;
 * - secondary: the author is `blake2_256(SCALE((randomness, slot)))` read as a big-endian U256,
 *   modulo the number of authorities (the `uint` crate's `From<[u8; 32]>` is big-endian; smoldot
 *   uses `from_bytes_be`; polkadot-sdk#5994 restored big-endian after #5886 briefly changed it);
 * - `allowed_slots` permits primary claims always, and secondary claims of its one kind.
 */
import {
  type BabeAllowedSlots,
  type BabeEpochConfiguration,
  type BabePreDigest,
  blake2_256,
  concatBytes,
  toHex,
} from "@canary/primitives";
import { BabeError } from "../errors.ts";
import type { Keypair } from "../keypair.ts";
import { u64le } from "./merlin.ts";
import type { VrfInOut } from "./schnorrkelVrf.ts";
import { babeClaimValue, babeVrfSign, babeVrfVerify } from "./vrf.ts";

const U64_MAX = 0xffff_ffff_ffff_ffffn;

/** floor(p · 2^k) for a finite, non-negative double p, exactly. */
function floorTimesPow2(p: number, k: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, p);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  // p = mantissa · 2^exponent with an integer mantissa.
  const [mantissa, exponent] = biased === 0 ? [fraction, -1074] : [fraction | (1n << 52n), biased - 1075];
  const shift = exponent + k;
  return shift >= 0 ? mantissa << BigInt(shift) : mantissa >> BigInt(-shift);
}

/**
 * The primary-slot threshold of authority `index` (`calculate_primary_threshold`). 0 when c's
 * denominator is 0 or the index is out of range, as in Substrate; a weight of 0, a weight sum
 * over u64, or c ≥ 1 (where Substrate panics) are refused.
 */
export function primaryThreshold(
  c: readonly [bigint, bigint],
  weights: readonly bigint[],
  index: number,
): bigint {
  if (c[1] === 0n || !Number.isInteger(index) || index < 0 || index >= weights.length) return 0n;
  return primaryThresholdFor(
    c,
    weights[index]!,
    weights.reduce((sum, w) => sum + w, 0n),
  );
}

/** The same threshold from an authority's weight and the set's total weight (smoldot's form). */
export function primaryThresholdFor(
  c: readonly [bigint, bigint],
  weight: bigint,
  totalWeight: bigint,
): bigint {
  if (c[1] === 0n) return 0n;
  if (totalWeight > U64_MAX)
    throw new BabeError("BABE_BAD_CONFIG", `the authorities' weights sum to ${totalWeight}, over u64`);
  // `c.0 as f64 / c.1 as f64`, `w as f64 / Σw as f64`: Number(bigint) rounds to nearest, like `as f64`.
  const cf = Number(c[0]) / Number(c[1]);
  const theta = Number(weight) / Number(totalWeight);
  if (!(theta > 0)) throw new BabeError("BABE_BAD_CONFIG", "an authority has weight 0");
  const p = 1 - (1 - cf) ** theta;
  if (!Number.isFinite(p) || p < 0 || p >= 1)
    throw new BabeError(
      "BABE_BAD_CONFIG",
      `c = ${c[0]}/${c[1]} gives a primary probability of ${p}; c must be in [0, 1)`,
    );
  // p < 1, so the result is below 2^128: a u128, as Substrate's `to_u128` requires.
  return floorTimesPow2(p, 128);
}

/** The secondary-slot author's index, or undefined with no authorities (`secondary_slot_author`). */
export function secondarySlotAuthor(
  slot: bigint,
  randomness: Uint8Array,
  authorityCount: number,
): number | undefined {
  if (authorityCount <= 0) return undefined;
  const hash = blake2_256(concatBytes(randomness, u64le(slot)));
  return Number(BigInt(toHex(hash)) % BigInt(authorityCount));
}

/** Which claims an epoch's `allowed_slots` accepts. */
export function allowedClaims(allowed: BabeAllowedSlots): { secondaryPlain: boolean; secondaryVrf: boolean } {
  return {
    secondaryPlain: allowed === "PrimaryAndSecondaryPlainSlots",
    secondaryVrf: allowed === "PrimaryAndSecondaryVRFSlots",
  };
}

/** An epoch as claims need it. */
export interface BabeClaimEpoch {
  /** The slot's epoch index, skipped epochs included (see `epochForSlot`). */
  readonly epochIndex: bigint;
  readonly randomness: Uint8Array;
  readonly authorities: ReadonlyArray<{ readonly publicKey: Uint8Array; readonly weight: bigint }>;
  readonly config: BabeEpochConfiguration;
}

/**
 * The epoch a slot falls in, given the epoch descriptor it was announced with (`clone_for_slot`):
 * skipped epochs advance the index and the start slot.
 */
export function epochForSlot(
  epoch: { readonly epochIndex: bigint; readonly startSlot: bigint; readonly duration: bigint },
  slot: bigint,
): { epochIndex: bigint; startSlot: bigint } {
  if (epoch.duration <= 0n) throw new BabeError("BABE_BAD_CONFIG", "the epoch duration must be positive");
  const skipped = slot > epoch.startSlot ? (slot - epoch.startSlot) / epoch.duration : 0n;
  return { epochIndex: epoch.epochIndex + skipped, startSlot: epoch.startSlot + skipped * epoch.duration };
}

export interface BabeClaim {
  preDigest: BabePreDigest;
  authorityIndex: number;
  pair: Keypair;
  /** Present for VRF claims (primary, secondary VRF): the source of the block's randomness. */
  vrfInOut?: VrfInOut;
}

/**
 * Tries to claim `slot` with the given keys, as `claim_slot_using_keys`: a primary claim with any
 * key first, then the secondary claim of the expected author if `allowed_slots` permits one.
 */
export function claimSlot(
  slot: bigint,
  epoch: BabeClaimEpoch,
  keys: ReadonlyArray<{ readonly pair: Keypair; readonly authorityIndex: number }>,
): BabeClaim | undefined {
  const input = { randomness: epoch.randomness, slot, epochIndex: epoch.epochIndex };
  const weights = epoch.authorities.map((a) => a.weight);
  for (const { pair, authorityIndex } of keys) {
    const { signature, inOut } = babeVrfSign(pair, input);
    if (babeClaimValue(inOut) < primaryThreshold(epoch.config.c, weights, authorityIndex)) {
      const preDigest: BabePreDigest = {
        tag: "Primary",
        value: { authorityIndex, slot, vrfSignature: signature },
      };
      return { preDigest, authorityIndex, pair, vrfInOut: inOut };
    }
  }
  const allowed = allowedClaims(epoch.config.allowedSlots);
  if (!allowed.secondaryPlain && !allowed.secondaryVrf) return undefined;
  const expected = secondarySlotAuthor(slot, epoch.randomness, epoch.authorities.length);
  const mine = keys.find((k) => k.authorityIndex === expected);
  if (expected === undefined || !mine) return undefined;
  if (allowed.secondaryPlain)
    return { preDigest: { tag: "SecondaryPlain", value: { authorityIndex: expected, slot } }, ...mine };
  const { signature, inOut } = babeVrfSign(mine.pair, input);
  return {
    preDigest: { tag: "SecondaryVRF", value: { authorityIndex: expected, slot, vrfSignature: signature } },
    ...mine,
    vrfInOut: inOut,
  };
}

/**
 * Checks a block's slot claim against its epoch (the claim part of Substrate's `check_header`
 * and smoldot's `verify_header`; the seal and epoch-change rules are the caller's). Throws a
 * BabeError naming the broken rule; returns whether it is primary and the VRF in/out pair.
 */
export function checkSlotClaim(
  preDigest: BabePreDigest,
  epoch: BabeClaimEpoch,
): { primary: boolean; vrfInOut?: VrfInOut } {
  const { authorityIndex, slot } = preDigest.value;
  const author = epoch.authorities[authorityIndex];
  if (!author)
    throw new BabeError(
      "BABE_INVALID_AUTHORITY_INDEX",
      `authority index ${authorityIndex} is out of range: epoch ${epoch.epochIndex} has ${epoch.authorities.length} authorities`,
    );
  const allowed = allowedClaims(epoch.config.allowedSlots);
  if (
    (preDigest.tag === "SecondaryPlain" && !allowed.secondaryPlain) ||
    (preDigest.tag === "SecondaryVRF" && !allowed.secondaryVrf)
  )
    throw new BabeError(
      "BABE_FORBIDDEN_SLOT_TYPE",
      `a ${preDigest.tag} claim is not allowed in epoch ${epoch.epochIndex} (allowed_slots = ${epoch.config.allowedSlots})`,
    );

  let vrfInOut: VrfInOut | undefined;
  if (preDigest.tag !== "SecondaryPlain") {
    vrfInOut = babeVrfVerify(
      author.publicKey,
      { randomness: epoch.randomness, slot, epochIndex: epoch.epochIndex },
      preDigest.value.vrfSignature,
    );
    if (!vrfInOut)
      throw new BabeError(
        "BABE_BAD_VRF_PROOF",
        `the VRF proof of slot ${slot} by authority ${authorityIndex} is invalid`,
      );
  }
  if (preDigest.tag === "Primary") {
    const threshold = primaryThreshold(
      epoch.config.c,
      epoch.authorities.map((a) => a.weight),
      authorityIndex,
    );
    if (babeClaimValue(vrfInOut!) >= threshold)
      throw new BabeError(
        "BABE_OVER_THRESHOLD",
        `the VRF output of authority ${authorityIndex} for slot ${slot} is over its primary threshold`,
      );
    return { primary: true, vrfInOut };
  }
  const expected = secondarySlotAuthor(slot, epoch.randomness, epoch.authorities.length);
  if (expected !== authorityIndex)
    throw new BabeError(
      "BABE_BAD_SECONDARY_AUTHOR",
      `slot ${slot} belongs to authority ${expected} as a secondary slot, not ${authorityIndex}`,
    );
  return vrfInOut ? { primary: false, vrfInOut } : { primary: false };
}
