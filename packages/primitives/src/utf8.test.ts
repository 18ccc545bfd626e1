import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "./hex.ts";
import { decodeUtf8, encodeUtf8 } from "./utf8.ts";

// Node's TextEncoder/TextDecoder are the reference here (tests may use them; the runtime may not).
const encoder = new TextEncoder();
const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function reference(bytes: Uint8Array): string | undefined {
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Byte strings near UTF-8: valid sequences, with some bytes flipped, cut or inserted. */
const utf8ish = fc
  .tuple(
    fc.string({ unit: "binary", maxLength: 12 }),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 2 })), {
      maxLength: 3,
    }),
  )
  .map(([s, edits]) => {
    const bytes = [...encoder.encode(s)];
    for (const [at, byte, op] of edits) {
      const i = bytes.length === 0 ? 0 : at % bytes.length;
      if (op === 0) bytes[i] = byte;
      else if (op === 1) bytes.splice(i, 1);
      else bytes.splice(i, 0, byte);
    }
    return Uint8Array.from(bytes);
  });

describe("UTF-8", () => {
  it("encodes as TextEncoder does, lone surrogates as U+FFFD", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 30 }), (s) => {
        expect(toHex(encodeUtf8(s))).toBe(toHex(encoder.encode(s)));
      }),
      { numRuns: 300 },
    );
    for (const s of ["\ud800", "a\udc00b", "\udbff\udfff", "\ud83d"])
      expect(encodeUtf8(s)).toEqual(encoder.encode(s));
  });

  it("decodes exactly what a fatal TextDecoder accepts, to the same text", () => {
    fc.assert(
      fc.property(fc.oneof(utf8ish, fc.uint8Array({ maxLength: 12 })), (bytes) => {
        expect(decodeUtf8(bytes)).toBe(reference(bytes));
      }),
      { numRuns: 1000 },
    );
  });

  it("decodes long texts, ASCII runs longer than one slice with other characters among them", () => {
    const text = `${"a".repeat(8191)}é${"b".repeat(9000)}😀${'{"x": 1}'.repeat(3000)}ü`;
    expect(decodeUtf8(encoder.encode(text))).toBe(text);
    const bad = encoder.encode(`${"c".repeat(20_000)}é`);
    expect(decodeUtf8(bad.subarray(0, bad.length - 1))).toBeUndefined();
  });

  it("keeps a leading byte-order mark", () => {
    expect(decodeUtf8(fromHex("efbbbf41"))).toBe("\ufeffA");
  });

  it("rejects overlong forms, surrogates, code points past U+10FFFF and cut sequences", () => {
    for (const hex of [
      "c080",
      "e08080",
      "f0808080",
      "eda080",
      "edbfbf",
      "f4908080",
      "e282",
      "f09f98",
      "80",
      "fe",
    ])
      expect([hex, decodeUtf8(fromHex(hex))]).toEqual([hex, undefined]);
  });
});
