/**
 * ed25519. Signing and verification use node:crypto (OpenSSL): it measured 2.5–3x faster
 * than wasm-crypto for verification (bench/crypto.ts). The key pair comes from wasm-crypto.
 *
 * Both implementations check the cofactorless equation and agree on every honest or malformed
 * signature; they differ only on crafted small-order public keys, which OpenSSL rejects and
 * wasm-crypto accepts. Substrate (ed25519-zebra, ZIP-215) would accept those and also
 * mixed-order R values that both reject. Canary nodes all run this code, so they agree.
 */
import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from "node:crypto";
import { blake2_256, concatBytes, str } from "@canary/primitives";
import { ed25519KeypairFromSeed as wasmFromSeed, ed25519Verify as wasmVerify } from "@polkadot/wasm-crypto";
import { CryptoError } from "./errors.ts";
import { assertReady } from "./init.ts";
import { describeBytes, isBytes, type Keypair, mintKeypair } from "./keypair.ts";

export const ED25519_SIGNATURE_LENGTH = 64;

// DER headers that wrap a raw 32-byte key for node:crypto (RFC 8410).
const SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);
const PKCS8_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

const HDKD_ID = str.enc("Ed25519HDKD");

function der(prefix: Uint8Array, key: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(prefix.length + key.length);
  out.set(prefix, 0);
  out.set(key, prefix.length);
  return out;
}

export function ed25519KeypairFromSeed(seed: Uint8Array): Keypair {
  assertReady("ed25519KeypairFromSeed");
  if (!isBytes(seed, 32)) {
    throw new CryptoError("CRYPTO_BAD_SEED", `an ed25519 seed is 32 bytes, got ${describeBytes(seed)}`);
  }
  const pair = wasmFromSeed(seed);
  return mintKeypair("ed25519", pair.slice(32, 64), seed.slice());
}

export function ed25519Sign(pair: Keypair, message: Uint8Array): Uint8Array {
  assertReady("ed25519Sign");
  if (pair?.scheme !== "ed25519" || !isBytes(pair.secretKey, 32)) {
    throw new CryptoError(
      "CRYPTO_BAD_KEYPAIR",
      "ed25519Sign needs an ed25519 key pair (32-byte seed as secret key)",
    );
  }
  if (!isBytes(message)) throw new CryptoError("CRYPTO_BAD_INPUT", "ed25519Sign: the message must be bytes");
  const key = createPrivateKey({
    key: der(PKCS8_PREFIX, pair.secretKey),
    format: "der",
    type: "pkcs8",
  });
  return new Uint8Array(nodeSign(null, message, key));
}

/** False for any malformed input; never throws once initCrypto() has resolved. */
export function ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  assertReady("ed25519Verify");
  if (!isBytes(signature, ED25519_SIGNATURE_LENGTH) || !isBytes(publicKey, 32) || !isBytes(message))
    return false;
  try {
    const key = createPublicKey({
      key: der(SPKI_PREFIX, publicKey),
      format: "der",
      type: "spki",
    });
    return nodeVerify(null, message, key, signature);
  } catch {
    return false;
  }
}

/** The same check in wasm-crypto: kept for the cross-check tests and the benchmark. */
export function ed25519VerifyWasm(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  assertReady("ed25519VerifyWasm");
  if (!isBytes(signature, ED25519_SIGNATURE_LENGTH) || !isBytes(publicKey, 32) || !isBytes(message))
    return false;
  return wasmVerify(signature, message, publicKey);
}

/** Substrate's ed25519 hard derivation: seed' = blake2_256(SCALE("Ed25519HDKD") ++ seed ++ chain code). */
export function ed25519DeriveHard(pair: Keypair, chainCode: Uint8Array): Keypair {
  assertReady("ed25519DeriveHard");
  if (pair?.scheme !== "ed25519" || !isBytes(pair.secretKey, 32)) {
    throw new CryptoError("CRYPTO_BAD_KEYPAIR", "ed25519DeriveHard needs an ed25519 key pair");
  }
  if (!isBytes(chainCode, 32)) {
    throw new CryptoError(
      "CRYPTO_BAD_CHAIN_CODE",
      `a derivation chain code is 32 bytes, got ${describeBytes(chainCode)}`,
    );
  }
  return ed25519KeypairFromSeed(blake2_256(concatBytes(HDKD_ID, pair.secretKey, chainCode)));
}
