import { compareBytes } from "@canary/primitives";
import { describe, expect, it } from "vitest";
import { blockNumberHashKey, blockNumberKey, prefixEnd, readBlockNumber } from "./keys.ts";

describe("keys", () => {
  it("orders block number keys as the numbers", () => {
    const numbers = [0, 1, 255, 256, 65_535, 65_536, 16_777_216, 0xffff_ffff];
    for (let i = 1; i < numbers.length; i++) {
      expect(compareBytes(blockNumberKey(numbers[i - 1]!), blockNumberKey(numbers[i]!))).toBeLessThan(0);
    }
    expect(blockNumberKey(0x0102_0304)).toEqual(Uint8Array.of(1, 2, 3, 4));
    for (const n of numbers) expect(readBlockNumber(blockNumberKey(n))).toBe(n);
  });

  it("rejects numbers that are not u32", () => {
    for (const n of [-1, 2 ** 32, 1.5, Number.NaN]) {
      expect(() => blockNumberKey(n)).toThrow(expect.objectContaining({ code: "DB_INVALID_OPTIONS" }));
    }
  });

  it("puts the number before the hash", () => {
    const hash = new Uint8Array(32).fill(9);
    const key = blockNumberHashKey(7, hash);
    expect(key.length).toBe(36);
    expect(readBlockNumber(key)).toBe(7);
    expect(key.subarray(4)).toEqual(hash);
    const embedded = new Uint8Array(40);
    embedded.set(key, 3);
    expect(readBlockNumber(embedded.subarray(3))).toBe(7); // reads from the view's offset
  });

  it("finds the end of a prefix", () => {
    expect(prefixEnd(Uint8Array.of(1, 2))).toEqual(Uint8Array.of(1, 3));
    expect(prefixEnd(Uint8Array.of(1, 0xff))).toEqual(Uint8Array.of(2));
    expect(prefixEnd(Uint8Array.of(0xff, 0xff))).toBeUndefined();
    expect(prefixEnd(Uint8Array.of())).toBeUndefined();
  });
});
