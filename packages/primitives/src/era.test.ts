import { TypeRegistry } from "@polkadot/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Era, eraBirth, eraDeath, eraLongevity, immortalEra, mortalEra } from "./era.ts";
import { CanaryError, EncodeError } from "./errors.ts";
import { toHex } from "./hex.ts";
import { kindOf } from "./test/kindOf.ts";

const registry = new TypeRegistry();
const U32_MAX = 2 ** 32 - 1;

describe("Era encoding", () => {
  it("period 64 at block 1 is 0x1500 (polkadot.js default)", () => {
    const era = mortalEra(64, 1);
    expect(era).toEqual({ tag: "Mortal", period: 64, phase: 1 });
    expect(toHex(Era.enc(era))).toBe("0x1500");
    expect(Era.dec(Uint8Array.of(0x15, 0x00))).toEqual(era);
  });

  it("immortal is one zero byte", () => {
    expect(toHex(Era.enc(immortalEra()))).toBe("0x00");
    expect(Era.dec(Uint8Array.of(0))).toEqual({ tag: "Immortal" });
  });

  it("rounds the period up to a power of two in 4..65536 and quantizes the phase", () => {
    expect(mortalEra(0, 5)).toEqual({ tag: "Mortal", period: 4, phase: 1 });
    expect(mortalEra(3, 5)).toEqual({ tag: "Mortal", period: 4, phase: 1 });
    expect(mortalEra(65, 1000)).toEqual({ tag: "Mortal", period: 128, phase: 1000 % 128 });
    expect(mortalEra(2 ** 40, 100_000)).toEqual({ tag: "Mortal", period: 65536, phase: 34464 });
    // period 8192: phases are multiples of 2
    expect(mortalEra(5000, U32_MAX)).toEqual({ tag: "Mortal", period: 8192, phase: 8190 });
    expect(toHex(Era.enc(mortalEra(5000, U32_MAX)))).toBe("0xfcff");
  });

  it("matches @polkadot/types ExtrinsicEra bytes, birth and death for random (period, current)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: U32_MAX }),
        (period, current) => {
          const ours = mortalEra(period, current);
          const bytes = Era.enc(ours);
          const theirs = registry.createType("ExtrinsicEra", { current, period });
          expect(toHex(bytes)).toBe(theirs.toHex());
          // polkadot.js keeps the unquantized phase in memory; compare with its decoding of the bytes.
          const decoded = registry.createType("ExtrinsicEra", bytes).asMortalEra;
          expect(ours.tag === "Mortal" && [ours.period, ours.phase]).toEqual([
            decoded.period.toNumber(),
            decoded.phase.toNumber(),
          ]);
          for (const at of [current, current + 17, Math.max(current - 3, 0)]) {
            if (at > U32_MAX) continue;
            expect(BigInt(eraBirth(ours, at))).toBe(BigInt(decoded.birth(at).toString()));
            expect(BigInt(eraDeath(ours, at)!)).toBe(BigInt(decoded.death(at).toString()));
          }
          expect(Era.dec(bytes)).toEqual(ours);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("decodes every valid 2-byte form and rejects exactly the invalid ones", () => {
    let valid = 0;
    const wrong: number[] = [];
    for (let enc = 0; enc < 0x10000; enc++) {
      const bytes = Uint8Array.of(enc & 0xff, enc >> 8);
      if (bytes[0] === 0) continue; // immortal is one byte; covered elsewhere
      const period = 2 << (enc & 15);
      const phase = (enc >> 4) * Math.max(period >> 12, 1);
      if (period >= 4 && phase < period) {
        valid++;
        const era = Era.dec(bytes);
        const again = Era.enc(era);
        const ok = era.tag === "Mortal" && era.period === period && era.phase === phase;
        if (!ok || again[0] !== bytes[0] || again[1] !== bytes[1]) wrong.push(enc);
      } else if (kindOf(() => Era.dec(bytes)) !== "invalid-value") wrong.push(enc);
    }
    expect(wrong).toEqual([]);
    // 15 valid periods; each has min(period, 4096) phases.
    expect(valid).toBe(
      [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16].reduce((n, k) => n + Math.min(2 ** k, 4096), 0),
    );
  });

  it("rejects bad input with the right DecodeError kind", () => {
    expect(kindOf(() => Era.dec(new Uint8Array(0)))).toBe("truncated");
    expect(kindOf(() => Era.dec(Uint8Array.of(0x15)))).toBe("truncated");
    expect(kindOf(() => Era.dec(Uint8Array.of(0x15, 0, 0)))).toBe("trailing-bytes");
    expect(kindOf(() => Era.dec(Uint8Array.of(0, 0)))).toBe("trailing-bytes");
    expect(kindOf(() => Era.dec(Uint8Array.of(0x10, 0x00)))).toBe("invalid-value"); // period 2
    expect(kindOf(() => Era.dec(Uint8Array.of(0x41, 0x00)))).toBe("invalid-value"); // period 4, phase 4
  });

  it("refuses to encode a mortal era that has no exact encoding", () => {
    for (const era of [
      { tag: "Mortal", period: 2, phase: 0 },
      { tag: "Mortal", period: 48, phase: 0 },
      { tag: "Mortal", period: 131072, phase: 0 },
      { tag: "Mortal", period: 64, phase: 64 },
      { tag: "Mortal", period: 64, phase: -1 },
      { tag: "Mortal", period: 8192, phase: 1 }, // not a multiple of 2
      { tag: "Other" },
    ] as Era[])
      expect(() => Era.enc(era)).toThrow(EncodeError);
  });

  it("checks block numbers and periods", () => {
    expect(() => mortalEra(64, -1)).toThrow(CanaryError);
    expect(() => mortalEra(64, U32_MAX + 1)).toThrow(CanaryError);
    expect(() => mortalEra(64, 1.5)).toThrow(CanaryError);
    expect(() => mortalEra(-1, 1)).toThrow(CanaryError);
    expect(() => eraBirth(mortalEra(64, 1), -1)).toThrow(CanaryError);
  });
});

describe("birth, death and longevity", () => {
  it("follow Substrate's formulas", () => {
    const era = mortalEra(64, 1); // phase 1
    expect(eraBirth(era, 0)).toBe(1); // current < phase: birth is the phase itself
    expect(eraBirth(era, 1)).toBe(1);
    expect(eraBirth(era, 64)).toBe(1);
    expect(eraBirth(era, 65)).toBe(65);
    expect(eraDeath(era, 64)).toBe(65);
    expect(eraLongevity(era, 10)).toBe(55n);
    expect(eraLongevity(era, 0)).toBe(65n);
    expect(eraBirth(immortalEra(), 1234)).toBe(0);
    expect(eraDeath(immortalEra(), 1234)).toBeUndefined();
    expect(eraLongevity(immortalEra(), 1234)).toBe(2n ** 64n - 1n - 1234n);
  });

  it("a transaction made at block n with its era is valid from birth to death - 1 and birth <= n", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 70_000 }),
        fc.integer({ min: 0, max: U32_MAX - 70_000 }),
        (p, n) => {
          const era = mortalEra(p, n);
          if (era.tag !== "Mortal") throw new Error("mortal expected");
          const birth = eraBirth(era, n);
          expect(birth).toBeLessThanOrEqual(n);
          expect(n - birth).toBeLessThan(era.period);
          // Every block up to death sees the same birth block, so the signed birth hash stays valid.
          expect(eraBirth(era, birth + era.period - 1)).toBe(birth);
          expect(eraBirth(era, birth + era.period)).toBe(birth + era.period);
        },
      ),
      { numRuns: 300 },
    );
  });
});
