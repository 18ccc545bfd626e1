/**
 * The hashes Substrate uses. The pure-JS backend (noble, substrate-bindings) works everywhere,
 * including inside the runtime bundle; a host may install a faster backend (Wasm) once it is
 * ready, and inside the runtime the host API supplies it. Every backend gives the same bytes.
 */
import { blake2b } from "@noble/hashes/blake2.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { h64 } from "@polkadot-api/substrate-bindings";

export interface HashBackend {
  /** blake2b with an output of `outLen` bytes (16, 32 or 64). */
  blake2b(data: Uint8Array, outLen: number): Uint8Array;
  /** xxhash64 concatenated over seeds 0..(outLen/8 - 1), little-endian per word. */
  twox(data: Uint8Array, outLen: 8 | 16 | 32): Uint8Array;
  keccak256(data: Uint8Array): Uint8Array;
}

function pureTwox(data: Uint8Array, outLen: 8 | 16 | 32): Uint8Array {
  const out = new Uint8Array(outLen);
  const view = new DataView(out.buffer);
  for (let seed = 0; seed < outLen / 8; seed++) view.setBigUint64(seed * 8, h64(data, BigInt(seed)), true);
  return out;
}

export const pureHashBackend: HashBackend = {
  blake2b: (data, outLen) => blake2b(data, { dkLen: outLen }),
  twox: pureTwox,
  keccak256: (data) => keccak_256(data),
};

let backend: HashBackend = pureHashBackend;

/** Installs a faster implementation (e.g. Wasm). It must produce identical outputs. */
export function setHashBackend(next: HashBackend): void {
  backend = next;
}

export function getHashBackend(): HashBackend {
  return backend;
}

export const blake2_128 = (data: Uint8Array): Uint8Array => backend.blake2b(data, 16);
export const blake2_256 = (data: Uint8Array): Uint8Array => backend.blake2b(data, 32);
export const blake2_512 = (data: Uint8Array): Uint8Array => backend.blake2b(data, 64);
export const twox64 = (data: Uint8Array): Uint8Array => backend.twox(data, 8);
export const twox128 = (data: Uint8Array): Uint8Array => backend.twox(data, 16);
export const twox256 = (data: Uint8Array): Uint8Array => backend.twox(data, 32);
export const keccak256 = (data: Uint8Array): Uint8Array => backend.keccak256(data);
