export type Scheme = "sr25519" | "ed25519" | "ecdsa";

export const SCHEMES: readonly Scheme[] = ["sr25519", "ed25519", "ecdsa"];

/**
 * A key pair of one scheme.
 * - sr25519: secretKey is schnorrkel's 64-byte form (key ‖ nonce), publicKey 32 bytes.
 * - ed25519: secretKey is the 32-byte seed, publicKey 32 bytes.
 * - ecdsa: secretKey is the 32-byte secp256k1 scalar, publicKey 33 bytes (compressed).
 */
export interface Keypair {
  readonly scheme: Scheme;
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

// Pairs built here are known to be well formed, so signing can skip re-validating them.
const minted = new WeakSet<Keypair>();

export function mintKeypair(scheme: Scheme, publicKey: Uint8Array, secretKey: Uint8Array): Keypair {
  const pair = Object.freeze({ scheme, publicKey, secretKey });
  minted.add(pair);
  return pair;
}

export function isMinted(pair: Keypair): boolean {
  return minted.has(pair);
}

export function isBytes(value: unknown, length?: number): value is Uint8Array {
  return value instanceof Uint8Array && (length === undefined || value.length === length);
}

export function describeBytes(value: unknown): string {
  return value instanceof Uint8Array ? `${value.length} bytes` : `a ${typeof value}, not bytes`;
}
