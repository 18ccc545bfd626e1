/**
 * One seeded source of randomness for tests that draw random inputs or random moments. Each test
 * gets its own generator from the seed, so a failing test re-runs alone with the same draws:
 * the seed is printed when the test fails, and CANARY_TEST_SEED=<seed> replays it.
 */
import { randomInt } from "node:crypto";
import { onTestFailed } from "vitest";

export const SEED_VARIABLE = "CANARY_TEST_SEED";
const MAX_SEED = 2 ** 32 - 1;

export interface Random {
  readonly seed: number;
  /** A number in [0, 1). */
  next(): number;
  /** A whole number in [0, n). */
  below(n: number): number;
  /** A whole number in [min, max]. */
  between(min: number, max: number): number;
  bytes(length: number): Uint8Array;
}

/** The seed CANARY_TEST_SEED names, or a fresh one. */
export function testSeed(env: NodeJS.ProcessEnv = process.env): number {
  const given = env[SEED_VARIABLE]?.trim();
  if (given === undefined || given === "") return randomInt(0, MAX_SEED + 1);
  const seed = Number(given);
  if (!/^\d+$/.test(given) || seed > MAX_SEED) {
    const message = `${SEED_VARIABLE}=${given} is not a seed: give a whole number from 0 to ${MAX_SEED}, as a failed test prints it`;
    throw Object.assign(new Error(message), { code: "TEST_BAD_SEED" });
  }
  return seed;
}

/** A generator from `seed` (mulberry32: small, fast, and plenty for choosing test inputs). */
export function randomFrom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const below = (n: number) => Math.floor(next() * n);
  return {
    seed,
    next,
    below,
    between: (min, max) => min + below(max - min + 1),
    bytes: (length) => Uint8Array.from({ length }, () => below(256)),
  };
}

/**
 * The generator for the running test (call it inside `it`): seeded from CANARY_TEST_SEED or afresh,
 * and if the test fails, its seed is printed with the command line that replays it.
 */
export function seeded(): Random {
  const seed = testSeed();
  onTestFailed(({ task }) => {
    console.error(`"${task.name}" failed with seed ${seed}: re-run with ${SEED_VARIABLE}=${seed}`);
  });
  return randomFrom(seed);
}
