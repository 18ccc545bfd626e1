/**
 * sr25519 batch verification (issue 14, deliverable 4): one multi-scalar multiplication checks
 * many signatures at once, at a fraction of what checking each costs. The module is our own
 * (`packages/crypto/wasm`, C built to Wasm by `build.sh`; no installable package offers a batch
 * verifier, see docs/performance.md). A batch answers only "all valid"; per-signature verdicts
 * come from `sr25519VerifyEach`, which checks each signature of a failed batch with the single
 * verifier, so a verdict never depends on the batch code saying "invalid".
 */
import { getRandomValues } from "node:crypto";
import { isBytes } from "./keypair.ts";
import { loadOwnWasm } from "./ownWasm.ts";
import { sr25519Verify } from "./sr25519.ts";

export interface Sr25519Check {
  readonly signature: Uint8Array;
  readonly message: Uint8Array;
  readonly publicKey: Uint8Array;
}

interface BatchExports {
  readonly memory: { readonly buffer: ArrayBuffer };
  input(): number;
  inputCapacity(): number;
  maxBatch(): number;
  verifyBatch(n: number, length: number): number;
}

/** Per signature: key, signature, weight, message length, then the message. */
const HEADER = 32 + 64 + 16 + 4;
const WEIGHT = 16;

let module: BatchExports | undefined;

/** The Wasm module, instantiated once per thread (synchronously: it is ~45 KB). */
export function batchModule(): BatchExports {
  module ??= loadOwnWasm<BatchExports>("sr25519Batch.wasm", "sr25519 batch verifier");
  return module;
}

const wellFormed = (c: Sr25519Check): boolean =>
  isBytes(c.signature, 64) && isBytes(c.publicKey, 32) && isBytes(c.message);

/**
 * Whether every signature is valid (true for none). Fresh random 128-bit weights per call: a batch
 * holding an invalid signature passes with probability 2^-128 at most.
 */
export function sr25519VerifyBatch(checks: readonly Sr25519Check[]): boolean {
  const wasm = batchModule();
  const base = wasm.input();
  const capacity = wasm.inputCapacity();
  const max = wasm.maxBatch();
  let start = 0;
  while (start < checks.length) {
    // Fill the input with as many as fit, then verify them as one batch.
    const memory = new Uint8Array(wasm.memory.buffer);
    const weights = getRandomValues(new Uint8Array(WEIGHT * Math.min(max, checks.length - start)));
    let at = 0;
    let n = 0;
    while (start + n < checks.length && n < max) {
      const c = checks[start + n]!;
      if (!wellFormed(c)) return false;
      const size = HEADER + c.message.length;
      if (at + size > capacity) break;
      const p = base + at;
      memory.set(c.publicKey, p);
      memory.set(c.signature, p + 32);
      memory.set(weights.subarray(WEIGHT * n, WEIGHT * (n + 1)), p + 96);
      const length = c.message.length;
      memory[p + 112] = length & 0xff;
      memory[p + 113] = (length >>> 8) & 0xff;
      memory[p + 114] = (length >>> 16) & 0xff;
      memory[p + 115] = length >>> 24;
      memory.set(c.message, p + HEADER);
      at += size;
      n++;
    }
    if (n === 0) {
      // A message larger than the whole input (a megabyte): checked alone.
      const c = checks[start]!;
      if (!sr25519Verify(c.signature, c.message, c.publicKey)) return false;
      start++;
      continue;
    }
    if (wasm.verifyBatch(n, at) !== 1) return false;
    start += n;
  }
  return true;
}

/** Each signature's verdict: all true when the batch passes, else each one checked alone. */
export function sr25519VerifyEach(checks: readonly Sr25519Check[]): boolean[] {
  if (sr25519VerifyBatch(checks)) return checks.map(() => true);
  return checks.map((c) => sr25519Verify(c.signature, c.message, c.publicKey));
}
