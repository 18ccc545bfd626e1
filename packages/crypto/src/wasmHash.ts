/**
 * The Wasm hash backend installed into @canary/primitives by initCrypto(). blake2b and twox run in
 * our own small module (`packages/crypto/wasm/hash.c`): the input is copied into its one static
 * buffer and the digest read back, where wasm-crypto's binding allocates and frees module memory
 * around every call, which cost as much as hashing a storage key or a trie node. Inputs larger than
 * that buffer (runtime code) and keccak256 go to wasm-crypto, which traps (and a trap leaks its
 * stack, corrupting the instance after enough of them) on arguments it does not accept, so every
 * argument is checked here first.
 */
import type { HashBackend } from "@canary/primitives";
import { blake2b, keccak256, twox } from "@polkadot/wasm-crypto";
import { CryptoError } from "./errors.ts";
import { loadOwnWasm } from "./ownWasm.ts";

interface HashExports {
  readonly memory: { readonly buffer: ArrayBuffer };
  hashInput(): number;
  hashInputCapacity(): number;
  hashOutput(): number;
  blake2b(length: number, outLength: number): void;
  twox(length: number, rounds: number): void;
}

interface HashModule {
  readonly exports: HashExports;
  /** The module's memory (it never grows: the module allocates nothing). */
  readonly memory: Uint8Array;
  readonly input: number;
  readonly capacity: number;
  readonly output: number;
}

let loaded: HashModule | undefined;

/** The hash module, instantiated once per thread (synchronously: it is ~8 KB). */
export function hashModule(): HashModule {
  if (loaded === undefined) {
    const exports = loadOwnWasm<HashExports>("hash.wasm", "hash module");
    loaded = {
      exports,
      memory: new Uint8Array(exports.memory.buffer),
      input: exports.hashInput(),
      capacity: exports.hashInputCapacity(),
      output: exports.hashOutput(),
    };
  }
  return loaded;
}

const NO_KEY = new Uint8Array(0);

export const wasmHashBackend: HashBackend = {
  blake2b(data, outLen) {
    if (!Number.isInteger(outLen) || outLen < 1 || outLen > 64) {
      throw new CryptoError(
        "CRYPTO_BAD_HASH_LENGTH",
        `blake2b output length must be 1..64 bytes, got ${outLen}`,
      );
    }
    const m = hashModule();
    if (data.length > m.capacity) return blake2b(data, NO_KEY, outLen);
    m.memory.set(data, m.input);
    m.exports.blake2b(data.length, outLen);
    return m.memory.slice(m.output, m.output + outLen);
  },
  twox(data, outLen) {
    if (outLen !== 8 && outLen !== 16 && outLen !== 32) {
      throw new CryptoError(
        "CRYPTO_BAD_HASH_LENGTH",
        `twox output length must be 8, 16 or 32 bytes, got ${outLen}`,
      );
    }
    // One xxhash64 round (seed) per 8 output bytes.
    const m = hashModule();
    if (data.length > m.capacity) return twox(data, outLen / 8);
    m.memory.set(data, m.input);
    m.exports.twox(data.length, outLen / 8);
    return m.memory.slice(m.output, m.output + outLen);
  },
  keccak256: (data) => keccak256(data),
};
