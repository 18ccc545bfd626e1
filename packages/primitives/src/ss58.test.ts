import {
  decodeAddress,
  encodeAddress,
  base58Decode as pjsBase58Decode,
  base58Encode as pjsBase58Encode,
} from "@polkadot/util-crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEV_ACCOUNT_IDS } from "../../../test/support/devAccounts.ts";
import { base58Decode, base58Encode } from "./base58.ts";
import { EncodeError } from "./errors.ts";
import { blake2_512 } from "./hashing.ts";
import { concatBytes, fromHex, toHex, utf8Bytes } from "./hex.ts";
import { accountFromSs58, accountToSs58, SS58_PREFIX, ss58Decode, ss58Encode } from "./ss58.ts";
import { kindOf } from "./test/kindOf.ts";

/** An address built by hand from raw prefix bytes, with a correct or chosen checksum. */
function rawAddress(prefixBytes: number[], payload: Uint8Array, checksumLength = 2, corrupt = false): string {
  const body = concatBytes(Uint8Array.from(prefixBytes), payload);
  const sum = blake2_512(concatBytes(utf8Bytes("SS58PRE"), body)).slice(0, checksumLength);
  if (corrupt) sum[0]! ^= 1;
  return base58Encode(concatBytes(body, sum));
}

const { Alice, Bob } = DEV_ACCOUNT_IDS;
const alice = fromHex(Alice.publicKey);
const bob = fromHex(Bob.publicKey);

describe("base58", () => {
  it("matches known vectors", () => {
    const vectors: Array<[string, string]> = [
      ["0x", ""],
      ["0x00", "1"],
      ["0x000001", "112"],
      ["0x61", "2g"],
      [toHex(utf8Bytes("Hello World!")), "2NEpo7TZRRrLZSi2U"],
      ["0x00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"],
    ];
    for (const [hex, text] of vectors) {
      expect(base58Encode(fromHex(hex))).toBe(text);
      expect(toHex(base58Decode(text))).toBe(hex);
    }
  });

  it("agrees with @polkadot/util-crypto both ways", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 48 }), fc.integer({ min: 0, max: 4 }), (bytes, zeros) => {
        const data = concatBytes(new Uint8Array(zeros), bytes);
        const text = base58Encode(data);
        if (data.length > 0) expect(text).toBe(pjsBase58Encode(data));
        expect(base58Decode(text)).toEqual(data);
        if (text.length > 0) expect(base58Decode(text)).toEqual(pjsBase58Decode(text));
      }),
      { numRuns: 300 },
    );
  });

  it("rejects characters outside the alphabet with invalid-value", () => {
    for (const bad of ["0", "O", "I", "l", "+", "/", " ", "é", "😀", "5Grw\u0000"])
      expect([bad, kindOf(() => base58Decode(bad))]).toEqual([bad, "invalid-value"]);
  });
});

describe("SS58", () => {
  it("encodes and decodes the dev accounts", () => {
    expect(ss58Encode(alice, 42)).toBe(Alice.ss58Generic);
    expect(ss58Encode(alice, 2)).toBe(Alice.ss58);
    expect(ss58Encode(alice)).toBe(Alice.ss58);
    expect(SS58_PREFIX).toBe(2);
    expect(ss58Encode(bob, 42)).toBe(Bob.ss58Generic);
    expect(ss58Encode(bob, 2)).toBe(Bob.ss58);
    expect(ss58Decode(Alice.ss58Generic)).toEqual({
      publicKey: alice,
      prefix: 42,
    });
    expect(ss58Decode(Alice.ss58, 2)).toEqual({
      publicKey: alice,
      prefix: 2,
    });
    expect(accountFromSs58(Bob.ss58)).toEqual(bob);
    expect(accountToSs58(bob)).toBe(Bob.ss58);
  });

  it("uses the two-byte prefix form from 64 to 16383, as @polkadot/util-crypto", () => {
    for (const prefix of [63, 64, 65, 127, 128, 255, 256, 1000, 4095, 16383]) {
      const address = ss58Encode(alice, prefix);
      expect(address).toBe(encodeAddress(alice, prefix));
      expect(ss58Decode(address)).toEqual({ publicKey: alice, prefix });
    }
  });

  it("agrees with @polkadot/util-crypto on random 32- and 33-byte keys and prefixes", () => {
    const prefix = fc.integer({ min: 0, max: 16383 }).filter((p) => p !== 46 && p !== 47);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 33 }), prefix, (key, p) => {
        const address = ss58Encode(key, p);
        expect(address).toBe(encodeAddress(key, p));
        const decoded = ss58Decode(address, p);
        expect(decoded.prefix).toBe(p);
        expect(decoded.publicKey).toEqual(key);
        expect(decoded.publicKey).toEqual(decodeAddress(address));
      }),
      { numRuns: 300 },
    );
  });

  it("supports account-index payloads (1, 2, 4, 8 bytes) with a one-byte checksum", () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 4, 8), fc.integer({ min: 0, max: 63 }), fc.nat(), (len, p, seed) => {
        if (p === 46 || p === 47) return;
        const key = Uint8Array.from({ length: len }, (_, i) => (seed >> i) & 0xff);
        const address = ss58Encode(key, p);
        expect(address).toBe(encodeAddress(key, p));
        expect(ss58Decode(address)).toEqual({ publicKey: key, prefix: p });
      }),
      { numRuns: 100 },
    );
  });

  it("refuses to encode reserved or out-of-range prefixes and unsupported lengths", () => {
    expect(() => ss58Encode(alice, 46)).toThrow(EncodeError);
    expect(() => ss58Encode(alice, 47)).toThrow(EncodeError);
    expect(() => ss58Encode(alice, 16384)).toThrow(EncodeError);
    expect(() => ss58Encode(alice, -1)).toThrow(EncodeError);
    expect(() => ss58Encode(alice, 1.5)).toThrow(EncodeError);
    for (const len of [0, 3, 20, 31, 34, 64])
      expect(() => ss58Encode(new Uint8Array(len), 2)).toThrow(EncodeError);
    expect(() => accountToSs58(new Uint8Array(33))).toThrow(EncodeError);
  });

  it("rejects bad characters with invalid-value", () => {
    const good = ss58Encode(alice, 2);
    for (const ch of ["0", "O", "I", "l", "-", "é"]) {
      const bad = good.slice(0, 10) + ch + good.slice(11);
      expect(kindOf(() => ss58Decode(bad))).toBe("invalid-value");
    }
  });

  it("rejects wrong lengths with bad-length", () => {
    expect(kindOf(() => ss58Decode(""))).toBe("bad-length");
    expect(kindOf(() => ss58Decode("1".repeat(65)))).toBe("bad-length");
    expect(kindOf(() => ss58Decode("5".repeat(1000)))).toBe("bad-length");
    // Lengths whose payload + 2 matches no allowed payload + checksum.
    for (const len of [5, 10, 16, 20, 31, 34, 40]) {
      const address = rawAddress([2], new Uint8Array(len).fill(9));
      expect([len, kindOf(() => ss58Decode(address))]).toEqual([len, "bad-length"]);
    }
    // Dropping or adding a character changes the length (and may push the first byte past 127).
    const good = ss58Encode(alice, 2);
    expect(kindOf(() => ss58Decode(good.slice(1)))).toBe("bad-length");
    expect(["bad-length", "bad-prefix"]).toContain(kindOf(() => ss58Decode(`${good}1`)));
    // "1" is a zero byte: two of them make 37 bytes, which no layout has.
    expect(kindOf(() => ss58Decode(`11${good}`))).toBe("bad-length");
  });

  it("rejects a checksum mismatch with bad-checksum", () => {
    expect(kindOf(() => ss58Decode(rawAddress([2], alice, 2, true)))).toBe("bad-checksum");
    expect(kindOf(() => ss58Decode(rawAddress([0x40 | 0x30, 0x40], alice, 2, true)))).toBe("bad-checksum");
    expect(kindOf(() => ss58Decode(rawAddress([2], new Uint8Array(4), 1, true)))).toBe("bad-checksum");
    // Any one-character change of a real address is caught (checksum or length, never accepted).
    const good = ss58Encode(alice, 2);
    const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length - 1 }), fc.constantFrom(...alphabet), (i, ch) => {
        if (good[i] === ch) return;
        const mutated = good.slice(0, i) + ch + good.slice(i + 1);
        expect(["bad-checksum", "bad-length", "bad-prefix"]).toContain(kindOf(() => ss58Decode(mutated)));
      }),
      { numRuns: 300 },
    );
  });

  it("rejects reserved, invalid and unexpected prefixes with bad-prefix", () => {
    expect(kindOf(() => ss58Decode(rawAddress([46], alice)))).toBe("bad-prefix");
    expect(kindOf(() => ss58Decode(rawAddress([47], alice)))).toBe("bad-prefix");
    expect(kindOf(() => ss58Decode(rawAddress([0x80], alice)))).toBe("bad-prefix");
    expect(kindOf(() => ss58Decode(rawAddress([0xff, 0xff], alice)))).toBe("bad-prefix");
    expect(kindOf(() => ss58Decode(ss58Encode(alice, 42), 2))).toBe("bad-prefix");
    expect(kindOf(() => ss58Decode(ss58Encode(alice, 2), 0))).toBe("bad-prefix");
    expect(kindOf(() => accountFromSs58(ss58Encode(alice, 42), 2))).toBe("bad-prefix");
  });

  it("rejects the two-byte form of a prefix below 64 as non-canonical", () => {
    // 42 written in the two-byte layout: byte 0 = 0x40 | (42 >> 2), byte 1 = (42 & 3) << 6.
    const address = rawAddress([0x40 | (42 >> 2), (42 & 3) << 6], alice);
    expect(kindOf(() => ss58Decode(address))).toBe("non-canonical");
  });

  it("accountFromSs58 accepts only 32-byte payloads", () => {
    const ecdsaKey = new Uint8Array(33).fill(2);
    const address = ss58Encode(ecdsaKey, 2);
    expect(ss58Decode(address).publicKey).toEqual(ecdsaKey);
    expect(kindOf(() => accountFromSs58(address))).toBe("bad-length");
    expect(kindOf(() => accountFromSs58(ss58Encode(new Uint8Array(8), 2)))).toBe("bad-length");
  });
});
