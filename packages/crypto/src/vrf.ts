/**
 * sr25519 VRF (schnorrkel `vrf_sign_extra` with a signing context), as wasm-crypto exposes it.
 * The output is the 32-byte VRF pre-output; the proof is schnorrkel's 64-byte (c, s).
 * BABE needs a Merlin transcript of its own (`BABE`, slot, epoch, randomness) and `make_bytes`,
 * which wasm-crypto does not expose: use `babe/vrf.ts` for BABE claims.
 */
import { vrfSign as wasmVrfSign, vrfVerify as wasmVrfVerify } from "@polkadot/wasm-crypto";
import { CryptoError } from "./errors.ts";
import { assertReady } from "./init.ts";
import { isBytes, type Keypair } from "./keypair.ts";

export interface VrfSignature {
  /** The VRF pre-output (a compressed Ristretto point), 32 bytes. */
  readonly output: Uint8Array;
  /** The DLEQ proof, 64 bytes. */
  readonly proof: Uint8Array;
}

const NO_EXTRA: Uint8Array = new Uint8Array(0);

export function vrfSign(
  pair: Keypair,
  context: Uint8Array,
  message: Uint8Array,
  extra: Uint8Array = NO_EXTRA,
): VrfSignature {
  assertReady("vrfSign");
  if (pair?.scheme !== "sr25519" || !isBytes(pair.secretKey, 64)) {
    throw new CryptoError("CRYPTO_BAD_KEYPAIR", "vrfSign needs an sr25519 key pair (64-byte secret key)");
  }
  if (!isBytes(context) || !isBytes(message) || !isBytes(extra)) {
    throw new CryptoError("CRYPTO_BAD_INPUT", "vrfSign: context, message and extra must be byte arrays");
  }
  const both = wasmVrfSign(pair.secretKey, context, message, extra);
  return { output: both.slice(0, 32), proof: both.slice(32, 96) };
}

/** False for any malformed input; never throws once initCrypto() has resolved. */
export function vrfVerify(
  publicKey: Uint8Array,
  context: Uint8Array,
  message: Uint8Array,
  signature: VrfSignature,
  extra: Uint8Array = NO_EXTRA,
): boolean {
  assertReady("vrfVerify");
  if (!isBytes(publicKey, 32) || !isBytes(context) || !isBytes(message) || !isBytes(extra)) return false;
  if (!isBytes(signature?.output, 32) || !isBytes(signature.proof, 64)) return false;
  const both = new Uint8Array(96);
  both.set(signature.output, 0);
  both.set(signature.proof, 32);
  return wasmVrfVerify(publicKey, context, message, extra, both);
}
