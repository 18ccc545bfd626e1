import { blake2AsU8a, keccakAsU8a, xxhashAsU8a } from "@polkadot/util-crypto";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  blake2_128,
  blake2_256,
  blake2_512,
  getHashBackend,
  type HashBackend,
  keccak256,
  pureHashBackend,
  setHashBackend,
  twox64,
  twox128,
  twox256,
} from "./hashing.ts";
import { fromHex, toHex, utf8Bytes } from "./hex.ts";

afterEach(() => setHashBackend(pureHashBackend));

describe("hashes", () => {
  it("match known vectors", () => {
    // blake2_256(0x00) is the empty trie's root.
    expect(toHex(blake2_256(fromHex("00")))).toBe(
      "0x03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314",
    );
    expect(toHex(twox128(utf8Bytes("System")))).toBe("0x26aa394eea5630e07c48ae0c9558cef7");
    expect(toHex(twox128(utf8Bytes("Account")))).toBe("0xb99d880ec681799c0cf30e8886371da9");
    // xxhash64 of the empty input with seed 0 is 0xef46db3751d8e999, written little-endian.
    expect(toHex(twox64(new Uint8Array()))).toBe("0x99e9d85137db46ef");
    expect(toHex(keccak256(new Uint8Array()))).toBe(
      "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
    );
    // Runtime API ids are blake2b with an 8-byte output.
    expect(toHex(getHashBackend().blake2b(utf8Bytes("Core"), 8))).toBe("0xdf6acb689907609b");
  });

  it("have the right lengths", () => {
    const d = utf8Bytes("x");
    expect(
      [blake2_128, blake2_256, blake2_512, twox64, twox128, twox256, keccak256].map((h) => h(d).length),
    ).toEqual([16, 32, 64, 8, 16, 32, 32]);
  });

  it("agree with @polkadot/util-crypto on random input", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        expect(toHex(blake2_128(data))).toBe(toHex(blake2AsU8a(data, 128)));
        expect(toHex(blake2_256(data))).toBe(toHex(blake2AsU8a(data, 256)));
        expect(toHex(blake2_512(data))).toBe(toHex(blake2AsU8a(data, 512)));
        expect(toHex(twox64(data))).toBe(toHex(xxhashAsU8a(data, 64)));
        expect(toHex(twox128(data))).toBe(toHex(xxhashAsU8a(data, 128)));
        expect(toHex(twox256(data))).toBe(toHex(xxhashAsU8a(data, 256)));
        expect(toHex(keccak256(data))).toBe(toHex(keccakAsU8a(data, 256)));
      }),
      { numRuns: 200 },
    );
  });
});

describe("setHashBackend", () => {
  it("routes every hash through the installed backend", () => {
    const calls: string[] = [];
    const spy: HashBackend = {
      blake2b: (data, outLen) => {
        calls.push(`blake2b/${outLen}`);
        return pureHashBackend.blake2b(data, outLen);
      },
      twox: (data, outLen) => {
        calls.push(`twox/${outLen}`);
        return pureHashBackend.twox(data, outLen);
      },
      keccak256: (data) => {
        calls.push("keccak");
        return pureHashBackend.keccak256(data);
      },
    };
    setHashBackend(spy);
    expect(getHashBackend()).toBe(spy);
    const d = utf8Bytes("abc");
    const outputs = [blake2_128, blake2_256, blake2_512, twox64, twox128, twox256, keccak256].map((h) =>
      toHex(h(d)),
    );
    expect(calls).toEqual([
      "blake2b/16",
      "blake2b/32",
      "blake2b/64",
      "twox/8",
      "twox/16",
      "twox/32",
      "keccak",
    ]);
    setHashBackend(pureHashBackend);
    expect(
      [blake2_128, blake2_256, blake2_512, twox64, twox128, twox256, keccak256].map((h) => toHex(h(d))),
    ).toEqual(outputs);
  });

  it("a different backend changes the outputs (the swap is real)", () => {
    const zero: HashBackend = {
      blake2b: (_d, n) => new Uint8Array(n),
      twox: (_d, n) => new Uint8Array(n),
      keccak256: () => new Uint8Array(32),
    };
    setHashBackend(zero);
    expect(toHex(blake2_256(fromHex("00")))).toBe(`0x${"00".repeat(32)}`);
    setHashBackend(pureHashBackend);
    expect(toHex(blake2_256(fromHex("00")))).toMatch(/^0x03170a2e/);
  });
});
