import { u8aToHex } from "@polkadot/util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesEqual, compareBytes, concatBytes, fromHex, toHex, utf8Bytes } from "./hex.ts";
import { kindOf } from "./test/kindOf.ts";

describe("hex", () => {
  it("writes lower-case 0x hex, as @polkadot/util", () => {
    expect(toHex(new Uint8Array())).toBe("0x");
    expect(toHex(Uint8Array.of(0, 1, 0xab, 0xff))).toBe("0x0001abff");
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        expect(toHex(b)).toBe(u8aToHex(b));
        expect(fromHex(toHex(b))).toEqual(b);
      }),
      { numRuns: 200 },
    );
  });

  it("reads any string of hex digits as Node's Buffer does", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.boolean(), (b, upper) => {
        const hex = Buffer.from(b).toString("hex");
        const text = upper ? hex.toUpperCase() : hex;
        expect(fromHex(text)).toEqual(new Uint8Array(Buffer.from(text, "hex")));
        expect(fromHex(`0x${text}`)).toEqual(b);
      }),
      { numRuns: 200 },
    );
  });

  it("reads prefixed, bare and upper-case hex", () => {
    expect(fromHex("0x")).toEqual(new Uint8Array());
    expect(fromHex("")).toEqual(new Uint8Array());
    expect(fromHex("0XABcd")).toEqual(Uint8Array.of(0xab, 0xcd));
    expect(fromHex("00ff")).toEqual(Uint8Array.of(0, 0xff));
  });

  it("rejects odd lengths and non-hex characters", () => {
    expect(kindOf(() => fromHex("0x123"))).toBe("bad-length");
    for (const bad of [
      "0xzz",
      "0x0g",
      "0x+1",
      "0x 1",
      "0x-1",
      "0x0x00",
      "xx",
      "0x0\u0660",
      "0x\u00e9a",
      "0xa\u0100",
    ])
      expect([bad, kindOf(() => fromHex(bad))]).toEqual([bad, "invalid-value"]);
  });
});

describe("byte helpers", () => {
  it("concatBytes joins in order", () => {
    expect(toHex(concatBytes())).toBe("0x");
    expect(toHex(concatBytes(fromHex("01"), new Uint8Array(), fromHex("0203")))).toBe("0x010203");
  });

  it("bytesEqual compares length and content", () => {
    expect(bytesEqual(fromHex("0102"), fromHex("0102"))).toBe(true);
    expect(bytesEqual(fromHex("0102"), fromHex("0103"))).toBe(false);
    expect(bytesEqual(fromHex("01"), fromHex("0100"))).toBe(false);
  });

  it("compareBytes is lexicographic order, shorter prefix first", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 6 }), fc.uint8Array({ maxLength: 6 }), (a, b) => {
        const expected = Buffer.compare(Buffer.from(a), Buffer.from(b));
        expect(Math.sign(compareBytes(a, b))).toBe(expected);
      }),
      { numRuns: 300 },
    );
    expect(compareBytes(fromHex("01"), fromHex("0100"))).toBeLessThan(0);
  });

  it("utf8Bytes is encodeUtf8", () => {
    expect(toHex(utf8Bytes("System"))).toBe("0x53797374656d");
  });
});
