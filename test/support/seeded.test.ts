import { describe, expect, it } from "vitest";
import { randomFrom, SEED_VARIABLE, testSeed } from "./seeded.ts";

const draws = (seed: number) => {
  const r = randomFrom(seed);
  return [r.next(), r.below(1000), r.between(-5, 5), ...r.bytes(8)];
};

describe("seeded test randomness", () => {
  it("replays the same draws from the same seed, and others from another", () => {
    expect(draws(7)).toEqual(draws(7));
    expect(draws(7)).not.toEqual(draws(8));
    expect(draws(0)).toEqual(draws(0));
  });

  it("stays in range", () => {
    const r = randomFrom(123);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      const b = r.between(3, 6);
      expect(b >= 3 && b <= 6).toBe(true);
      seen.add(b);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]); // both ends are reached
    expect(r.bytes(5)).toHaveLength(5);
  });

  it("takes the seed from CANARY_TEST_SEED, a fresh one without it, and refuses anything else", () => {
    expect(testSeed({ [SEED_VARIABLE]: "42" })).toBe(42);
    expect(testSeed({ [SEED_VARIABLE]: " 4294967295 " })).toBe(4294967295);
    const fresh = testSeed({});
    expect(Number.isSafeInteger(fresh) && fresh >= 0 && fresh < 2 ** 32).toBe(true);
    for (const bad of ["-1", "1.5", "0x10", "4294967296", "seed"]) {
      expect(() => testSeed({ [SEED_VARIABLE]: bad })).toThrow(
        expect.objectContaining({ code: "TEST_BAD_SEED" }),
      );
    }
  });
});
