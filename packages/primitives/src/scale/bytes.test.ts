import * as sb from "@polkadot-api/substrate-bindings";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EncodeError } from "../errors.ts";
import { fromHex, toHex } from "../hex.ts";
import { kindOf } from "../test/kindOf.ts";
import { Bytes, FixedBytes, H256, str } from "./bytes.ts";

describe("Bytes (Vec<u8>)", () => {
  it("encodes a compact length then the bytes, as substrate-bindings", () => {
    expect(toHex(Bytes.enc(new Uint8Array()))).toBe("0x00");
    expect(toHex(Bytes.enc(fromHex("010203")))).toBe("0x0c010203");
    const long = new Uint8Array(64).fill(7);
    expect(toHex(Bytes.enc(long)).slice(0, 6)).toBe("0x0101");
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (v) => {
        const bytes = Bytes.enc(v);
        expect(toHex(bytes)).toBe(toHex(sb.Bytes().enc(v)));
        expect(Bytes.dec(bytes)).toEqual(v);
      }),
      { numRuns: 200 },
    );
  });

  it("decodes to a copy, not a view of the input", () => {
    const input = fromHex("0x080102");
    const out = Bytes.dec(input);
    input[1] = 0xff;
    expect(toHex(out)).toBe("0x0102");
  });

  it("rejects truncation at every length and trailing bytes", () => {
    const bytes = Bytes.enc(new Uint8Array(70).fill(1));
    expect(kindOf(() => Bytes.dec(new Uint8Array()))).toBe("truncated");
    expect(kindOf(() => Bytes.dec(bytes.subarray(0, 1)))).toBe("truncated");
    // Once the length is read, a shortfall is a declared length larger than the input.
    for (let n = 2; n < bytes.length; n++)
      expect(kindOf(() => Bytes.dec(bytes.subarray(0, n)))).toBe("too-large");
    expect(kindOf(() => Bytes.dec(Uint8Array.of(...bytes, 0)))).toBe("trailing-bytes");
  });

  it("fails fast on a huge declared length in a small input", () => {
    expect(kindOf(() => Bytes.dec(fromHex("0xfeffffff00")))).toBe("too-large");
    expect(kindOf(() => Bytes.dec(fromHex("0x03ffffffff00")))).toBe("too-large");
  });
});

describe("FixedBytes and H256", () => {
  it("encode the bytes with no length prefix", () => {
    const h = new Uint8Array(32).fill(0xab);
    expect(toHex(H256.enc(h))).toBe(toHex(h));
    expect(H256.dec(h)).toEqual(h);
    expect(toHex(FixedBytes(4).enc(fromHex("01020304")))).toBe(toHex(sb.Bytes(4).enc(fromHex("01020304"))));
    expect(FixedBytes(0).dec(new Uint8Array())).toEqual(new Uint8Array());
  });

  it("refuse to encode the wrong length", () => {
    expect(() => H256.enc(new Uint8Array(31))).toThrow(EncodeError);
    expect(() => H256.enc(new Uint8Array(33))).toThrow(EncodeError);
    expect(() => H256.enc("0x00" as unknown as Uint8Array)).toThrow(EncodeError);
  });

  it("reject truncation at every length and trailing bytes", () => {
    const h = new Uint8Array(32).fill(1);
    for (let n = 0; n < 32; n++) expect(kindOf(() => H256.dec(h.subarray(0, n)))).toBe("truncated");
    expect(kindOf(() => H256.dec(new Uint8Array(33)))).toBe("trailing-bytes");
  });

  it("decodes to a copy", () => {
    const input = new Uint8Array(32);
    const out = H256.dec(input);
    input[0] = 9;
    expect(out[0]).toBe(0);
  });
});

describe("str", () => {
  it("is a compact byte length then UTF-8, as substrate-bindings", () => {
    expect(toHex(str.enc(""))).toBe("0x00");
    expect(toHex(str.enc("hello"))).toBe("0x1468656c6c6f");
    expect(toHex(str.enc("€"))).toBe("0x0ce282ac");
    expect(toHex(str.enc("😀"))).toBe("0x10f09f9880");
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (s) => {
        const bytes = str.enc(s);
        expect(toHex(bytes)).toBe(toHex(sb.str.enc(s)));
        expect(str.dec(bytes)).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  it("rejects invalid UTF-8 with invalid-value", () => {
    const bad = [
      "c080", // overlong NUL
      "c1bf", // overlong 0x7f
      "e08080", // overlong three-byte
      "e09fbf", // overlong U+07FF
      "f0808080", // overlong four-byte
      "f08fbfbf", // overlong U+FFFF
      "eda080", // surrogate U+D800
      "edbfbf", // surrogate U+DFFF
      "f4908080", // past U+10FFFF
      "f5808080", // lead byte past U+10FFFF
      "e282", // truncated three-byte
      "f09f98", // truncated four-byte
      "c2", // truncated two-byte
      "80", // lone continuation
      "61bf62", // continuation between ASCII
      "c241", // lead then ASCII
      "f8888080", // five-byte lead
      "ff", // never valid
    ];
    for (const hex of bad) {
      const body = fromHex(hex);
      const input = Uint8Array.of(body.length << 2, ...body);
      expect([hex, kindOf(() => str.dec(input))]).toEqual([hex, "invalid-value"]);
    }
  });

  it("accepts the edges of valid UTF-8", () => {
    for (const [hex, text] of [
      ["7f", "\u007f"],
      ["c280", "\u0080"],
      ["dfbf", "\u07ff"],
      ["e0a080", "\u0800"],
      ["ed9fbf", "\ud7ff"],
      ["ee8080", "\ue000"],
      ["efbfbf", "\uffff"],
      ["f0908080", "\u{10000}"],
      ["f48fbfbf", "\u{10ffff}"],
    ] as const) {
      const body = fromHex(hex);
      expect(str.dec(Uint8Array.of(body.length << 2, ...body))).toBe(text);
    }
  });

  it("rejects a declared length past the input", () => {
    expect(kindOf(() => str.dec(fromHex("0x1468656c6c")))).toBe("too-large");
    expect(kindOf(() => str.dec(fromHex("0xfeffffff")))).toBe("too-large");
    expect(kindOf(() => str.dec(fromHex("0x0461ff")))).toBe("trailing-bytes");
  });
});
