import { blake2_256, compareBytes, concatBytes, fromHex, toHex } from "@canary/primitives";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeNode, encodeNode } from "./nodeCodec.ts";
import { orderedTrieKey, orderedTrieRoot } from "./orderedRoot.ts";
import { buildTrie, EMPTY_TRIE_ROOT, sortEntries, trieRoot } from "./root.ts";
import { thousand, VECTORS } from "./test/vectors.ts";

const e = (k: string, v: string): [Uint8Array, Uint8Array] => [fromHex(k), fromHex(v)];

describe("trieRoot", () => {
  for (const { name, entries, v0, v1 } of VECTORS) {
    it(`matches the vector: ${name}`, () => {
      expect(toHex(trieRoot(entries, 0))).toBe(v0);
      expect(toHex(trieRoot(entries, 1))).toBe(v1 ?? v0);
    });
  }

  it("derives the small vectors from their node encodings", () => {
    expect(toHex(EMPTY_TRIE_ROOT)).toBe(toHex(blake2_256(Uint8Array.of(0))));
    expect(toHex(trieRoot([e("01", "01")], 0))).toBe(toHex(blake2_256(fromHex("42010401"))));
    const hashedLeaf = concatBytes(fromHex("240102"), blake2_256(new Uint8Array(33).fill(0xaa)));
    expect(toHex(trieRoot([e("0102", "aa".repeat(33))], 1))).toBe(toHex(blake2_256(hashedLeaf)));
  });

  it("lets the last of repeated keys win", () => {
    const root = trieRoot([e("01", "02"), e("0a", "0b"), e("01", "03")], 1);
    expect(toHex(root)).toBe(toHex(trieRoot([e("0a", "0b"), e("01", "03")], 1)));
  });

  it("handles the empty key and keys that are prefixes of each other", () => {
    const entries = [e("", "00"), e("01", "01"), e("0102", "02"), e("010203", "03"), e("02", "04")];
    const inline = (hex: string) => ({ hashed: false as const, data: fromHex(hex) });
    const kids = (slots: Record<number, Uint8Array>) =>
      [...new Array(16)].map((_, i) => slots[i] && (slots[i].length < 32 ? slots[i] : blake2_256(slots[i])));
    const nib = (...n: number[]) => Uint8Array.from(n);
    // Hand-built: each branch consumes one nibble as the child index.
    const z = encodeNode({
      kind: "branch",
      partial: nib(2),
      value: inline("02"),
      children: kids({ 0: encodeNode({ kind: "leaf", partial: nib(3), value: inline("03") }) }),
    });
    const y = encodeNode({ kind: "branch", partial: nib(), value: inline("01"), children: kids({ 0: z }) });
    const leaf02 = encodeNode({ kind: "leaf", partial: nib(), value: inline("04") });
    const x = encodeNode({
      kind: "branch",
      partial: nib(),
      value: undefined,
      children: kids({ 1: y, 2: leaf02 }),
    });
    const top = encodeNode({ kind: "branch", partial: nib(), value: inline("00"), children: kids({ 0: x }) });
    expect(toHex(trieRoot(entries, 0))).toBe(toHex(blake2_256(top)));
  });

  it("does not depend on insertion order", () => {
    const key = fc
      .array(fc.constantFrom(0x00, 0x01, 0x10, 0x1f, 0xf1, 0xff), { maxLength: 4 })
      .map((a) => Uint8Array.from(a));
    const value = fc.uint8Array({ maxLength: 40 });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => toHex(k), maxLength: 30 }),
        fc.nat(),
        (entries, seed) => {
          const shuffled = [...entries].sort(
            (a, b) => ((toHex(a[0]).length * 31 + seed) % 7) - ((toHex(b[0]).length * 17) % 5),
          );
          for (const v of [0, 1] as const)
            expect(toHex(trieRoot(shuffled, v))).toBe(toHex(trieRoot(entries, v)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("sorts like a comparator sort and keeps the last of repeated keys", () => {
    // Long, prefix-sharing keys of many lengths with repeats: exercises every radix level.
    const key = fc
      .tuple(fc.nat(3), fc.array(fc.constantFrom(0x00, 0x01, 0x80, 0xff), { maxLength: 9 }))
      .map(([pre, rest]) => Uint8Array.from([...new Array(pre * 2).fill(0x26), ...rest]));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 400 }), (keys) => {
        const entries = keys.map((k, i) => [k, Uint8Array.of(i & 0xff, i >> 8)] as [Uint8Array, Uint8Array]);
        const last = new Map(entries.map(([k, v]) => [toHex(k), toHex(v)]));
        const expected = [...last.keys()].map(fromHex).sort(compareBytes).map(toHex);
        const [sk, sv] = sortEntries(entries);
        expect(sk.map(toHex)).toEqual(expected);
        for (const [i, k] of sk.entries()) expect(toHex(sv[i]!)).toBe(last.get(toHex(k)));
      }),
      { numRuns: 200 },
    );
  });

  it("hands every hashed node and value to the sink of buildTrie", () => {
    const seen = new Map<string, Uint8Array>();
    const root = buildTrie(thousand(), 1, (hash, data) => {
      expect(toHex(blake2_256(data))).toBe(toHex(hash));
      seen.set(toHex(hash), data.slice());
    });
    expect(toHex(root)).toBe(VECTORS.find((v) => v.name === "1000 entries")!.v1);
    expect(seen.has(toHex(root))).toBe(true);
    // Walking from the root reaches exactly the sunk entries.
    const reached = new Set<string>();
    const visit = (ref: Uint8Array) => {
      const data = ref.length === 32 ? seen.get(toHex(ref)) : ref;
      expect(data).toBeDefined();
      if (ref.length === 32) reached.add(toHex(ref));
      const node = decodeNode(data!);
      if (node.kind === "empty") throw new Error("empty node in a trie");
      if (node.value?.hashed) {
        expect(seen.has(toHex(node.value.hash))).toBe(true);
        reached.add(toHex(node.value.hash));
      }
      if (node.kind === "branch") for (const c of node.children) if (c) visit(c);
    };
    visit(root);
    expect(reached.size).toBe(seen.size);
  });
});

describe("orderedTrieRoot", () => {
  it("matches the vector and keys items by Compact<u32>", () => {
    const root = orderedTrieRoot([fromHex("280403000b207eba5c8501"), fromHex("0c00")]);
    expect(toHex(root)).toBe("0x73469b40054eb0553afb315a32b3c1cc3fac868d8822f8031e79107d3ca80cc2");
    expect(toHex(orderedTrieRoot([]))).toBe(toHex(EMPTY_TRIE_ROOT));
    expect(toHex(orderedTrieKey(1))).toBe("0x04");
    expect(toHex(orderedTrieKey(64))).toBe("0x0101");
    const many = [...new Array(300)].map((_, i) => Uint8Array.of(i & 0xff));
    const byKeys = trieRoot(
      many.map((v, i) => [orderedTrieKey(i), v] as const),
      0,
    );
    expect(toHex(orderedTrieRoot(many))).toBe(toHex(byKeys));
  });
});
