/** sr25519 (schnorrkel) in Wasm: signatures use the signing context "substrate", as Substrate's do. */
import { ristretto255 } from "@noble/curves/ed25519.js";
import {
  sr25519DeriveKeypairHard,
  sr25519DeriveKeypairSoft,
  sr25519KeypairFromSeed as wasmFromSeed,
  sr25519Sign as wasmSign,
  sr25519Verify as wasmVerify,
} from "@polkadot/wasm-crypto";
import { CryptoError } from "./errors.ts";
import { assertReady } from "./init.ts";
import { describeBytes, isBytes, isMinted, type Keypair, mintKeypair } from "./keypair.ts";

export const SR25519_SIGNATURE_LENGTH = 64;

function fromWasmPair(pair: Uint8Array): Keypair {
  return mintKeypair("sr25519", pair.slice(64, 96), pair.slice(0, 64));
}

/** From a 32-byte mini secret (what a BIP39 phrase or a `0x` seed gives). */
export function sr25519KeypairFromSeed(seed: Uint8Array): Keypair {
  assertReady("sr25519KeypairFromSeed");
  if (!isBytes(seed, 32)) {
    throw new CryptoError("CRYPTO_BAD_SEED", `an sr25519 seed is 32 bytes, got ${describeBytes(seed)}`);
  }
  return fromWasmPair(wasmFromSeed(seed));
}

/**
 * The Wasm code traps on a public key that is not a Ristretto point, so pairs not built here are
 * checked before they reach it.
 */
export function assertSr25519Pair(pair: Keypair, what: string): void {
  if (isMinted(pair) && pair.scheme === "sr25519") return;
  if (pair?.scheme !== "sr25519" || !isBytes(pair.secretKey, 64) || !isBytes(pair.publicKey, 32)) {
    throw new CryptoError(
      "CRYPTO_BAD_KEYPAIR",
      `${what} needs an sr25519 key pair (64-byte secret, 32-byte public key); build it with sr25519KeypairFromSeed or keypairFromSuri`,
    );
  }
  try {
    ristretto255.Point.fromBytes(pair.publicKey);
  } catch (cause) {
    throw new CryptoError("CRYPTO_BAD_KEYPAIR", `${what}: the public key is not a valid sr25519 key`, {
      cause,
    });
  }
}

export function sr25519Sign(pair: Keypair, message: Uint8Array): Uint8Array {
  assertReady("sr25519Sign");
  assertSr25519Pair(pair, "sr25519Sign");
  return wasmSign(pair.publicKey, pair.secretKey, message);
}

/** False for any malformed input; never throws once initCrypto() has resolved. */
export function sr25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  assertReady("sr25519Verify");
  if (!isBytes(signature, SR25519_SIGNATURE_LENGTH) || !isBytes(publicKey, 32) || !isBytes(message))
    return false;
  return wasmVerify(signature, message, publicKey);
}

function assertChainCode(chainCode: Uint8Array): void {
  if (!isBytes(chainCode, 32)) {
    throw new CryptoError(
      "CRYPTO_BAD_CHAIN_CODE",
      `a derivation chain code is 32 bytes, got ${describeBytes(chainCode)}`,
    );
  }
}

export function sr25519DeriveHard(pair: Keypair, chainCode: Uint8Array): Keypair {
  assertReady("sr25519DeriveHard");
  assertSr25519Pair(pair, "sr25519DeriveHard");
  assertChainCode(chainCode);
  return fromWasmPair(sr25519DeriveKeypairHard(joinPair(pair), chainCode));
}

export function sr25519DeriveSoft(pair: Keypair, chainCode: Uint8Array): Keypair {
  assertReady("sr25519DeriveSoft");
  assertSr25519Pair(pair, "sr25519DeriveSoft");
  assertChainCode(chainCode);
  return fromWasmPair(sr25519DeriveKeypairSoft(joinPair(pair), chainCode));
}

function joinPair(pair: Keypair): Uint8Array {
  const out = new Uint8Array(96);
  out.set(pair.secretKey, 0);
  out.set(pair.publicKey, 64);
  return out;
}
