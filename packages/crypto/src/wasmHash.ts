/**
 * The Wasm hash backend installed into @canary/primitives by initCrypto(). wasm-crypto traps
 * (and a trap leaks its stack, corrupting the instance after enough of them) on arguments it
 * does not accept, so every argument is checked here first.
 */
import type { HashBackend } from "@canary/primitives";
import { blake2b, keccak256, twox } from "@polkadot/wasm-crypto";
import { CryptoError } from "./errors.ts";

const NO_KEY = new Uint8Array(0);

export const wasmHashBackend: HashBackend = {
  blake2b(data, outLen) {
    if (!Number.isInteger(outLen) || outLen < 1 || outLen > 64) {
      throw new CryptoError(
        "CRYPTO_BAD_HASH_LENGTH",
        `blake2b output length must be 1..64 bytes, got ${outLen}`,
      );
    }
    return blake2b(data, NO_KEY, outLen);
  },
  twox(data, outLen) {
    if (outLen !== 8 && outLen !== 16 && outLen !== 32) {
      throw new CryptoError(
        "CRYPTO_BAD_HASH_LENGTH",
        `twox output length must be 8, 16 or 32 bytes, got ${outLen}`,
      );
    }
    // One xxhash64 round (seed) per 8 output bytes.
    return twox(data, outLen / 8);
  },
  keccak256: (data) => keccak256(data),
};
