import { describe, expect, it } from "vitest";
import { jsonNumbersAreExact } from "./json.ts";

describe("jsonNumbersAreExact", () => {
  it("is true when every number is a canonical safe integer", () => {
    expect(jsonNumbersAreExact('{"a":[0,-1,9007199254740991],"b":{"c":12}}')).toBe(true);
    expect(jsonNumbersAreExact("[]")).toBe(true);
    expect(jsonNumbersAreExact("-42")).toBe(true);
  });

  it("is false for a number past 2^53 − 1, a fraction, an exponent or -0", () => {
    for (const n of ["9007199254740992", "-9007199254740992", "1.0", "1.5", "1e3", "1E3", "-0", "0.0"]) {
      expect(jsonNumbersAreExact(`{"x":[1,${n},2]}`), n).toBe(false);
    }
  });

  it("does not take digits, dots or quotes inside strings for numbers", () => {
    expect(jsonNumbersAreExact('["1.5e99", "say \\"1.5\\" 9007199254740993", 7]')).toBe(true);
    expect(jsonNumbersAreExact('{"9007199254740993": "\\\\", "k": 1.5}')).toBe(false);
  });

  it("gives the same answer when called again (no state kept between calls)", () => {
    const text = '["x", 1.5]';
    expect(jsonNumbersAreExact(text)).toBe(false);
    expect(jsonNumbersAreExact(text)).toBe(false);
    expect(jsonNumbersAreExact("[1]")).toBe(true);
  });
});
