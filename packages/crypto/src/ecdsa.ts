/**
 * ecdsa over secp256k1, Substrate style: the signed digest is blake2_256(message), signatures are
 * 65 bytes r ‖ s ‖ v (v the recovery id 0..3; 27..30 is accepted too, as sp_io accepts it), public
 * keys are 33-byte compressed points, and verification recovers the key from the signature.
 *
 * Signing uses wasm-crypto with a validated secret key. Recovery uses @noble/curves: wasm-crypto
 * traps on an unrecoverable signature (which anyone can craft), and each trap leaks Wasm stack
 * until the instance corrupts, so untrusted signatures never reach it.
 */
import { blake2_256, bytesEqual, concatBytes, keccak256, str } from "@canary/primitives";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { bytesToNumberBE } from "@noble/curves/utils.js";
import { secp256k1FromSeed, secp256k1Sign } from "@polkadot/wasm-crypto";
import { CryptoError, type CryptoErrorCode } from "./errors.ts";
import { assertReady } from "./init.ts";
import { describeBytes, isBytes, isMinted, type Keypair, mintKeypair } from "./keypair.ts";

export const ECDSA_SIGNATURE_LENGTH = 65;
export const ECDSA_PUBLIC_KEY_LENGTH = 33;

const ORDER = secp256k1.Point.Fn.ORDER;
const HDKD_ID = str.enc("Secp256k1HDKD");

/** From a 32-byte secret scalar (1 ≤ scalar < curve order). */
export function ecdsaKeypairFromSeed(seed: Uint8Array): Keypair {
  assertReady("ecdsaKeypairFromSeed");
  if (!isBytes(seed, 32) || !secp256k1.utils.isValidSecretKey(seed)) {
    throw new CryptoError(
      "CRYPTO_BAD_SEED",
      `an ecdsa seed is a 32-byte secp256k1 scalar between 1 and the curve order, got ${describeBytes(seed)}${isBytes(seed, 32) ? " out of range" : ""}`,
    );
  }
  const both = secp256k1FromSeed(seed);
  return mintKeypair("ecdsa", both.slice(32, 65), both.slice(0, 32));
}

export function ecdsaSign(pair: Keypair, message: Uint8Array): Uint8Array {
  assertReady("ecdsaSign");
  if (!isBytes(message)) throw new CryptoError("CRYPTO_BAD_INPUT", "ecdsaSign: the message must be bytes");
  return ecdsaSignPrehashed(pair, blake2_256(message));
}

/** Signs a 32-byte digest as is (the host API's `ecdsa_sign_prehashed`). */
export function ecdsaSignPrehashed(pair: Keypair, digest: Uint8Array): Uint8Array {
  assertReady("ecdsaSignPrehashed");
  const valid =
    pair?.scheme === "ecdsa" &&
    isBytes(pair.secretKey, 32) &&
    (isMinted(pair) || secp256k1.utils.isValidSecretKey(pair.secretKey));
  if (!valid) {
    throw new CryptoError(
      "CRYPTO_BAD_KEYPAIR",
      "ecdsa signing needs an ecdsa key pair with a valid 32-byte secret key",
    );
  }
  if (!isBytes(digest, 32)) {
    throw new CryptoError("CRYPTO_BAD_INPUT", `an ecdsa digest is 32 bytes, got ${describeBytes(digest)}`);
  }
  return secp256k1Sign(digest, pair.secretKey);
}

/** The recovered compressed key, or the reason recovery failed (Substrate's EcdsaVerifyError). */
function recover(signature: Uint8Array, digest: Uint8Array): Uint8Array | CryptoErrorCode {
  if (!isBytes(signature, ECDSA_SIGNATURE_LENGTH) || !isBytes(digest, 32)) return "ECDSA_BAD_SIGNATURE";
  const v = signature[64]!;
  const recovery = v >= 27 ? v - 27 : v;
  if (recovery > 3) return "ECDSA_BAD_V";
  const r = bytesToNumberBE(signature.subarray(0, 32));
  const s = bytesToNumberBE(signature.subarray(32, 64));
  if (r >= ORDER || s >= ORDER) return "ECDSA_BAD_RS";
  if (r === 0n || s === 0n) return "ECDSA_BAD_SIGNATURE";
  try {
    return new secp256k1.Signature(r, s, recovery).recoverPublicKey(digest).toBytes(true);
  } catch {
    return "ECDSA_BAD_SIGNATURE"; // r is not the x of a curve point, or the key is at infinity
  }
}

const REASONS: Record<string, string> = {
  ECDSA_BAD_SIGNATURE: "the signature (65 bytes) does not recover to any public key",
  ECDSA_BAD_V: "the recovery id (last byte) must be 0..3 or 27..30",
  ECDSA_BAD_RS: "r or s is not below the secp256k1 curve order",
};

/** The compressed public key that signed `message` (hashed with blake2_256). Throws ECDSA_BAD_*. */
export function ecdsaRecover(signature: Uint8Array, message: Uint8Array): Uint8Array {
  assertReady("ecdsaRecover");
  if (!isBytes(message)) throw new CryptoError("CRYPTO_BAD_INPUT", "ecdsaRecover: the message must be bytes");
  return ecdsaRecoverPrehashed(signature, blake2_256(message));
}

/** As ecdsaRecover, for a 32-byte digest (the host API's `secp256k1_ecdsa_recover_compressed`). */
export function ecdsaRecoverPrehashed(signature: Uint8Array, digest: Uint8Array): Uint8Array {
  assertReady("ecdsaRecoverPrehashed");
  const result = recover(signature, digest);
  if (typeof result === "string") {
    throw new CryptoError(result as CryptoErrorCode, `cannot recover an ecdsa key: ${REASONS[result]}`);
  }
  return result;
}

/**
 * As ecdsaRecoverPrehashed, the 64-byte uncompressed key without its 0x04 tag (the host API's
 * `secp256k1_ecdsa_recover`, whose keccak256 names an Ethereum address).
 */
export function ecdsaRecoverUncompressedPrehashed(signature: Uint8Array, digest: Uint8Array): Uint8Array {
  const compressed = ecdsaRecoverPrehashed(signature, digest);
  return secp256k1.Point.fromBytes(compressed).toBytes(false).subarray(1);
}

/** False for any malformed input; never throws once initCrypto() has resolved. */
export function ecdsaVerify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  assertReady("ecdsaVerify");
  if (!isBytes(publicKey, ECDSA_PUBLIC_KEY_LENGTH) || !isBytes(message)) return false;
  const recovered = recover(signature, blake2_256(message));
  return typeof recovered !== "string" && bytesEqual(recovered, publicKey);
}

/** The 20-byte Ethereum address: the last 20 bytes of keccak256 of the 64-byte uncompressed key. */
export function ethereumAddress(publicKey: Uint8Array): Uint8Array {
  assertReady("ethereumAddress");
  let uncompressed: Uint8Array;
  try {
    uncompressed = secp256k1.Point.fromBytes(publicKey).toBytes(false);
  } catch (cause) {
    throw new CryptoError(
      "ECDSA_BAD_PUBLIC_KEY",
      `ethereumAddress needs a secp256k1 public key (33 bytes compressed or 65 uncompressed), got ${describeBytes(publicKey)} that is not a curve point`,
      { cause },
    );
  }
  return keccak256(uncompressed.subarray(1)).slice(12);
}

/** Substrate's ecdsa hard derivation: seed' = blake2_256(SCALE("Secp256k1HDKD") ++ seed ++ chain code). */
export function ecdsaDeriveHard(pair: Keypair, chainCode: Uint8Array): Keypair {
  assertReady("ecdsaDeriveHard");
  if (pair?.scheme !== "ecdsa" || !isBytes(pair.secretKey, 32)) {
    throw new CryptoError("CRYPTO_BAD_KEYPAIR", "ecdsaDeriveHard needs an ecdsa key pair");
  }
  if (!isBytes(chainCode, 32)) {
    throw new CryptoError(
      "CRYPTO_BAD_CHAIN_CODE",
      `a derivation chain code is 32 bytes, got ${describeBytes(chainCode)}`,
    );
  }
  return ecdsaKeypairFromSeed(blake2_256(concatBytes(HDKD_ID, pair.secretKey, chainCode)));
}
