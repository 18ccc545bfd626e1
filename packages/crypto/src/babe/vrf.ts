/**
 * BABE's VRF (`sp_consensus_babe::make_vrf_transcript`, `sp_core::sr25519::vrf`): the input is the
 * Merlin transcript `BABE` with `slot number` (u64 LE), `current epoch` (u64 LE) and
 * `chain randomness` (32 bytes); outputs are derived with schnorrkel's `make_bytes`.
 */
import type { BabeVrfSignature } from "@canary/primitives";
import { BabeError } from "../errors.ts";
import { isBytes, type Keypair } from "../keypair.ts";
import { label, Transcript } from "./merlin.ts";
import {
  attachInputHash,
  makeBytes,
  type VrfInOut,
  type VrfSignOptions,
  vrfSignTranscript,
  vrfVerifyTranscript,
} from "./schnorrkelVrf.ts";

/** `AUTHORING_SCORE_VRF_CONTEXT`: the context of the primary-claim value. */
export const AUTHORING_SCORE_VRF_CONTEXT: Uint8Array = label("substrate-babe-vrf");
/** `AUTHORING_SCORE_LENGTH`: the claim value is a u128 read little-endian. */
export const AUTHORING_SCORE_LENGTH = 16;
/** `RANDOMNESS_VRF_CONTEXT`: the context of the per-block randomness primary blocks contribute. */
export const RANDOMNESS_VRF_CONTEXT: Uint8Array = label("BabeVRFInOutContext");
export const RANDOMNESS_LENGTH = 32;

const BABE = label("BABE");
const SLOT_NUMBER = label("slot number");
const CURRENT_EPOCH = label("current epoch");
const CHAIN_RANDOMNESS = label("chain randomness");
const U64_MAX = 0xffff_ffff_ffff_ffffn;

/** What a BABE VRF is evaluated on. `epochIndex` is the slot's epoch, skipped epochs included. */
export interface BabeVrfInput {
  readonly randomness: Uint8Array;
  readonly slot: bigint;
  readonly epochIndex: bigint;
}

function assertInput(input: BabeVrfInput): void {
  if (!isBytes(input?.randomness, 32))
    throw new BabeError("BABE_BAD_INPUT", "the BABE VRF input needs 32 bytes of epoch randomness");
  for (const [name, v] of [
    ["slot", input.slot],
    ["epochIndex", input.epochIndex],
  ] as const) {
    if (typeof v !== "bigint" || v < 0n || v > U64_MAX)
      throw new BabeError("BABE_BAD_INPUT", `the BABE VRF ${name} must be a u64 bigint, got ${String(v)}`);
  }
}

/** `make_vrf_transcript(randomness, slot, epoch)`. */
export function babeVrfTranscript(input: BabeVrfInput): Transcript {
  assertInput(input);
  const t = new Transcript(BABE);
  t.appendU64(SLOT_NUMBER, input.slot);
  t.appendU64(CURRENT_EPOCH, input.epochIndex);
  t.appendMessage(CHAIN_RANDOMNESS, input.randomness);
  return t;
}

/** Signs the BABE VRF for `input` with an sr25519 key pair: the pre-output, proof, and in/out pair. */
export function babeVrfSign(
  pair: Keypair,
  input: BabeVrfInput,
  options?: Pick<VrfSignOptions, "random">,
): { signature: BabeVrfSignature; inOut: VrfInOut } {
  if (pair?.scheme !== "sr25519" || !isBytes(pair.secretKey, 64) || !isBytes(pair.publicKey, 32))
    throw new BabeError(
      "BABE_BAD_KEYPAIR",
      "BABE VRF signing needs an sr25519 key pair (the `babe` session key)",
    );
  return vrfSignTranscript(pair.secretKey, pair.publicKey, babeVrfTranscript(input), options);
}

/**
 * Verifies a BABE VRF signature by `publicKey`; the in/out pair (for `babeClaimValue` and
 * `babeVrfRandomness`) on success, undefined for a bad proof or malformed bytes.
 */
export function babeVrfVerify(
  publicKey: Uint8Array,
  input: BabeVrfInput,
  signature: BabeVrfSignature,
): VrfInOut | undefined {
  return vrfVerifyTranscript(publicKey, babeVrfTranscript(input), signature);
}

/**
 * The in/out pair of a pre-output without checking its proof (Substrate's `Public::make_bytes`,
 * what pallet_babe does for blocks whose VRF the client already verified).
 */
export function babeVrfInOut(
  publicKey: Uint8Array,
  input: BabeVrfInput,
  preOutput: Uint8Array,
): VrfInOut | undefined {
  return attachInputHash(publicKey, babeVrfTranscript(input), preOutput);
}

/** The primary-claim value: `u128::from_le_bytes(make_bytes::<16>("substrate-babe-vrf"))`. */
export function babeClaimValue(inOut: VrfInOut): bigint {
  const bytes = makeBytes(inOut, AUTHORING_SCORE_VRF_CONTEXT, AUTHORING_SCORE_LENGTH);
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

/** The block's VRF randomness: `make_bytes::<32>("BabeVRFInOutContext")`. */
export function babeVrfRandomness(inOut: VrfInOut): Uint8Array {
  return makeBytes(inOut, RANDOMNESS_VRF_CONTEXT, RANDOMNESS_LENGTH);
}
