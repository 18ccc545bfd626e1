import { TypeRegistry } from "@polkadot/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BABE_ENGINE_ID,
  BEEFY_ENGINE_ID,
  consensusItem,
  Digest,
  DigestItem,
  GRANDPA_ENGINE_ID,
  preRuntimeItem,
  sealItem,
} from "./digest.ts";
import { fromHex, toHex } from "./hex.ts";
import { kindOf } from "./test/kindOf.ts";

const registry = new TypeRegistry();
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

const arbDigestItem: fc.Arbitrary<DigestItem> = fc.oneof(
  ...(["PreRuntime", "Consensus", "Seal"] as const).map((tag) =>
    fc
      .record({
        engine: fc.uint8Array({ minLength: 4, maxLength: 4 }),
        data: fc.uint8Array({ maxLength: 100 }),
      })
      .map((value): DigestItem => ({ tag, value })),
  ),
  fc.uint8Array({ maxLength: 100 }).map((value): DigestItem => ({ tag: "Other", value })),
  fc.constant<DigestItem>({ tag: "RuntimeEnvironmentUpdated" }),
);

/** The same item as @polkadot/types takes it. */
function pjs(item: DigestItem): Record<string, unknown> {
  if (item.tag === "RuntimeEnvironmentUpdated") return { RuntimeEnvironmentUpdated: null };
  if (item.tag === "Other") return { Other: toHex(item.value) };
  return { [item.tag]: [toHex(item.value.engine), toHex(item.value.data)] };
}

describe("engine ids", () => {
  it("are the ASCII bytes of BABE, FRNK and BEEF", () => {
    expect(toHex(BABE_ENGINE_ID)).toBe(toHex(ascii("BABE")));
    expect(toHex(GRANDPA_ENGINE_ID)).toBe(toHex(ascii("FRNK")));
    expect(toHex(BEEFY_ENGINE_ID)).toBe(toHex(ascii("BEEF")));
  });
});

describe("DigestItem", () => {
  it("encodes each variant with its Substrate index", () => {
    expect(toHex(DigestItem.enc(preRuntimeItem(BABE_ENGINE_ID, Uint8Array.of(1, 2))))).toBe(
      "0x0642414245080102",
    );
    expect(toHex(DigestItem.enc(consensusItem(GRANDPA_ENGINE_ID, new Uint8Array(0))))).toBe("0x0446524e4b00");
    expect(toHex(DigestItem.enc(sealItem(BABE_ENGINE_ID, Uint8Array.of(0xff))))).toBe("0x054241424504ff");
    expect(toHex(DigestItem.enc({ tag: "Other", value: Uint8Array.of(9) }))).toBe("0x000409");
    expect(toHex(DigestItem.enc({ tag: "RuntimeEnvironmentUpdated" }))).toBe("0x08");
  });

  it("matches @polkadot/types DigestItem on random items, both ways", () => {
    fc.assert(
      fc.property(arbDigestItem, (item) => {
        const bytes = DigestItem.enc(item);
        expect(toHex(bytes)).toBe(registry.createType("DigestItem", pjs(item)).toHex());
        expect(registry.createType("DigestItem", bytes).toHex()).toBe(toHex(bytes));
        expect(DigestItem.dec(bytes)).toEqual(item);
      }),
      { numRuns: 300 },
    );
  });

  it("rejects every unknown index with unknown-variant", () => {
    for (let i = 0; i < 256; i++) {
      if ([0, 4, 5, 6, 8].includes(i)) continue;
      expect(kindOf(() => DigestItem.dec(Uint8Array.of(i, 0, 0, 0, 0, 0)))).toBe("unknown-variant");
    }
  });

  it("rejects every truncation and trailing bytes", () => {
    fc.assert(
      fc.property(arbDigestItem, (item) => {
        const bytes = DigestItem.enc(item);
        const data =
          item.tag === "RuntimeEnvironmentUpdated"
            ? 0
            : item.tag === "Other"
              ? item.value.length
              : item.value.data.length;
        for (let n = 0; n < bytes.length; n++) {
          // A cut inside the Vec<u8> body is caught by its length check ("too-large") before the read.
          const expected = n < bytes.length - data ? "truncated" : "too-large";
          expect(kindOf(() => DigestItem.dec(bytes.subarray(0, n)))).toBe(expected);
        }
        expect(kindOf(() => DigestItem.dec(fromHex(`${toHex(bytes)}00`)))).toBe("trailing-bytes");
      }),
      { numRuns: 100 },
    );
  });
});

describe("Digest", () => {
  it("is a Vec of items and matches @polkadot/types Digest", () => {
    fc.assert(
      fc.property(fc.array(arbDigestItem, { maxLength: 5 }), (items) => {
        const bytes = Digest.enc(items);
        expect(toHex(bytes)).toBe(registry.createType("Digest", { logs: items.map(pjs) }).toHex());
        expect(Digest.dec(bytes)).toEqual(items);
      }),
      { numRuns: 100 },
    );
  });

  it("rejects a length that the input cannot hold and an unknown item", () => {
    expect(kindOf(() => Digest.dec(Uint8Array.of(0x08, 0x08)))).toBe("too-large");
    expect(kindOf(() => Digest.dec(Uint8Array.of(0x04, 0x07)))).toBe("unknown-variant");
    expect(kindOf(() => Digest.dec(Uint8Array.of(0x04, 0x08, 0x08)))).toBe("trailing-bytes");
  });
});
