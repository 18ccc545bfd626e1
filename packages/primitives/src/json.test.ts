import { describe, expect, it } from "vitest";
import { parseJsonExact } from "./json.ts";

/** Numbers as bigints, and the source of any a double would not keep as written. */
const exact = (text: string) =>
  parseJsonExact(text, { safe: (n) => BigInt(n), inexact: (source) => `inexact:${source}` });

describe("parseJsonExact", () => {
  it("gives safe integers to `safe`, or leaves them numbers", () => {
    expect(exact('{"a":[0,-1,9007199254740991],"b":{"c":12}}')).toEqual({
      a: [0n, -1n, 9007199254740991n],
      b: { c: 12n },
    });
    expect(parseJsonExact("[1,[2]]", { inexact: () => "x" })).toEqual([1, [2]]);
  });

  it("gives any other number's source text to `inexact`, exactly as written", () => {
    for (const n of [
      "9007199254740992",
      "-9007199254740993",
      "1000000000000000000000",
      "1.0",
      "1.5",
      "1e3",
      "1E3",
      "-0",
    ]) {
      expect(exact(`{"x":[1,${n},2]}`), n).toEqual({ x: [1n, `inexact:${n}`, 2n] });
    }
    expect(parseJsonExact("18446744073709551616", { inexact: (s) => BigInt(s) })).toBe(1n << 64n);
  });

  it("does not take digits, dots or quotes inside strings (or keys) for numbers", () => {
    expect(exact('["1.5e99", "say \\"1.5\\" 9007199254740993", 7]')).toEqual([
      "1.5e99",
      'say "1.5" 9007199254740993',
      7n,
    ]);
    expect(exact('{"9007199254740993": "\\\\", "k": 1.5}')).toEqual({
      "9007199254740993": "\\",
      k: "inexact:1.5",
    });
  });

  it("gives the same answers for a text holding the marker character (parsed with a reviver)", () => {
    const text = '{"s":"\\ufdd0x","t":"\uFDD0y","n":[99999999999999999999,3]}';
    expect(exact(text)).toEqual({ s: "\uFDD0x", t: "\uFDD0y", n: ["inexact:99999999999999999999", 3n] });
  });

  it("keeps a `__proto__` key an own property whose value is converted", () => {
    const value = exact('{"__proto__": 5, "a": {"__proto__": 1e400}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value, "__proto__")?.value).toBe(5n);
    const inner = value.a as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(inner, "__proto__")?.value).toBe("inexact:1e400");
  });

  it("throws JSON.parse's error for text that is not JSON, and what a callback throws", () => {
    expect(() => exact("{")).toThrow(SyntaxError);
    expect(() => exact('["unterminated')).toThrow(SyntaxError);
    expect(() =>
      parseJsonExact("[1.5]", {
        inexact: () => {
          throw new Error("no fractions");
        },
      }),
    ).toThrow(/no fractions/);
  });
});

describe("parseJsonExact on text that is not JSON", () => {
  const bad = [
    "{1: 2}",
    '{"a": 1, 2: 3}',
    "{1e400: 2}",
    "[1.2.3]",
    "[01]",
    "[1 2]",
    '[1e400 "x"]',
    '{"a" 1e400}',
    "1e400 1",
    '["\\"',
    '"',
    "[-]",
  ];
  it.each(bad)("refuses %s as JSON.parse does, with its message", (text) => {
    let expected = "";
    try {
      JSON.parse(text);
    } catch (e) {
      expected = (e as Error).message;
    }
    expect(expected).not.toBe("");
    expect(() => exact(text)).toThrow(expected);
  });

  // A backtracking scan of this would not finish within the test's timeout.
  it("scans a million characters of escaped quotes, never closed, and refuses them", () => {
    expect(() => exact(`"${'\\"'.repeat(500_000)}`)).toThrow(SyntaxError);
  });
});
