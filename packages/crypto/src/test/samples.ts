import { expect } from "vitest";
import type { Random } from "../../../../test/support/seeded.ts";

export interface SigningSample {
  seed: Uint8Array;
  message: Uint8Array;
}

/**
 * Inputs for cross-checks against polkadot.js: `count` seeds, `first` and then random ones, each
 * with a random message of `i * step` bytes (so the first message is empty).
 */
export function signingSamples(random: Random, first: Uint8Array, step: number, count = 10): SigningSample[] {
  return Array.from({ length: count }, (_, i) => ({
    seed: i === 0 ? first : random.bytes(32),
    message: random.bytes(i * step),
  }));
}

/** Each malformed (signature, message, key) triple verifies as false, without throwing. */
export function expectAllRejected(
  verify: (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean,
  cases: ReadonlyArray<readonly [unknown, unknown, unknown]>,
): void {
  for (const [s, m, k] of cases)
    expect(verify(s as Uint8Array, m as Uint8Array, k as Uint8Array)).toBe(false);
}
