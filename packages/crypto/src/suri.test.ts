import { blake2_256, str, toHex } from "@canary/primitives";
import { beforeAll, describe, expect, it } from "vitest";
import { initCrypto } from "./init.ts";
import { junctionChainCode, parseSuri } from "./suri.ts";

beforeAll(() => initCrypto());

const pad32 = (bytes: number[]) => {
  const out = new Uint8Array(32);
  out.set(bytes);
  return toHex(out);
};

describe("parseSuri", () => {
  it("splits phrase, hard and soft junctions, and password", () => {
    const p = parseSuri("bottom drive obey//Alice/soft//0///my pass//word");
    expect(p.phrase).toBe("bottom drive obey");
    expect(p.path.map((j) => [j.text, j.hard])).toEqual([
      ["Alice", true],
      ["soft", false],
      ["0", true],
    ]);
    expect(p.password).toBe("my pass//word");
    expect(parseSuri("0xabcdef").path).toEqual([]);
    expect(parseSuri("0xabcdef").password).toBeUndefined();
    expect(parseSuri("word///").password).toBe("");
    expect(parseSuri("word//with space").path[0]?.text).toBe("with space");
  });

  it("normalises to NFC, so composed and decomposed accents give one key", () => {
    const composed = parseSuri("word//\u00dc");
    const decomposed = parseSuri("word//U\u0308");
    expect(toHex(decomposed.path[0]!.chainCode)).toBe(toHex(composed.path[0]!.chainCode));
  });

  it.each(["", "//Alice", "word//", "word/", "two  spaces", " leading"])(
    "rejects %j with SURI_MALFORMED",
    (suri) => {
      expect(() => parseSuri(suri)).toThrow(expect.objectContaining({ code: "SURI_MALFORMED" }));
    },
  );

  it("does not echo the secret in its error", () => {
    try {
      parseSuri("zebrafish words here//");
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain("zebrafish");
    }
  });
});

describe("junctionChainCode", () => {
  it("encodes numbers little-endian", () => {
    expect(toHex(junctionChainCode("0"))).toBe(pad32([]));
    expect(toHex(junctionChainCode("1"))).toBe(pad32([1]));
    expect(toHex(junctionChainCode("258"))).toBe(pad32([2, 1]));
    expect(toHex(junctionChainCode("18446744073709551615"))).toBe(
      pad32([255, 255, 255, 255, 255, 255, 255, 255]),
    );
    expect(toHex(junctionChainCode("007"))).toBe(pad32([7]));
  });

  it("SCALE-encodes strings and hashes them past 32 bytes", () => {
    expect(toHex(junctionChainCode("Alice"))).toBe(pad32([0x14, 0x41, 0x6c, 0x69, 0x63, 0x65]));
    const fits = "x".repeat(31); // compact length (1 byte) + 31 = 32 bytes: padded, not hashed
    expect(toHex(junctionChainCode(fits))).toBe(toHex(str.enc(fits)));
    const long = "x".repeat(32);
    expect(toHex(junctionChainCode(long))).toBe(toHex(blake2_256(str.enc(long))));
  });

  it("decodes even-length 0x hex as bytes, like polkadot.js", () => {
    expect(toHex(junctionChainCode("0x0102"))).toBe(pad32([1, 2]));
    expect(toHex(junctionChainCode("0x"))).toBe(pad32([]));
    expect(toHex(junctionChainCode("0xabc"))).toBe(pad32([...str.enc("0xabc")])); // odd length: a string
    const long = `0x${"ab".repeat(40)}`;
    expect(toHex(junctionChainCode(long))).toBe(toHex(blake2_256(new Uint8Array(40).fill(0xab))));
  });

  it("rejects numbers beyond 256 bits", () => {
    expect(() => junctionChainCode((2n ** 256n).toString())).toThrow(
      expect.objectContaining({ code: "SURI_BAD_JUNCTION" }),
    );
  });
});
