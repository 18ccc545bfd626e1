import { DecodeError, fromHex, Slab, toHex } from "@canary/primitives";
import { trieNodeDec } from "@polkadot-api/substrate-bindings";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeNode, encodeNode, type NodeValue, type TrieNode } from "./nodeCodec.ts";

const nibbles = (hex: string) => Uint8Array.from(hex, (c) => Number.parseInt(c, 16));
const inline = (hex: string): NodeValue => ({ hashed: false, data: fromHex(hex) });
const hash32 = (byte: number) => new Uint8Array(32).fill(byte);

function branch(partial: string, value: NodeValue | undefined, kids: Record<number, Uint8Array>): TrieNode {
  const children: (Uint8Array | undefined)[] = new Array(16).fill(undefined);
  for (const [i, c] of Object.entries(kids)) children[Number(i)] = c;
  return { kind: "branch", partial: nibbles(partial), value, children };
}

function expectDecodeError(hex: string, kind?: DecodeError["kind"]) {
  try {
    decodeNode(fromHex(hex));
  } catch (e) {
    expect(e).toBeInstanceOf(DecodeError);
    if (kind) expect((e as DecodeError).kind).toBe(kind);
    return;
  }
  throw new Error(`${hex} decoded`);
}

describe("node encoding", () => {
  it("encodes the spec's examples byte for byte", () => {
    // Leaf 01→01 at the root: header 0x42 (leaf, 2 nibbles), key 01, Compact(1), 01.
    expect(toHex(encodeNode({ kind: "leaf", partial: nibbles("01"), value: inline("01") }))).toBe(
      "0x42010401",
    );
    // An 80-nibble leaf: 63 in the header, 17 in one more byte.
    const long = encodeNode({ kind: "leaf", partial: nibbles("1".repeat(80)), value: inline("22") });
    expect(toHex(long)).toBe(`0x7f11${"11".repeat(40)}0422`);
    // Odd partial key: the first byte carries a zero high nibble.
    expect(toHex(encodeNode({ kind: "leaf", partial: nibbles("abc"), value: inline("") }))).toBe(
      "0x430abc00",
    );
    // Hashed-value leaf: header 001 + 5 bits, then the 32-byte hash without a length.
    const hashedLeaf = encodeNode({
      kind: "leaf",
      partial: nibbles("0102"),
      value: { hashed: true, hash: hash32(7) },
    });
    expect(toHex(hashedLeaf)).toBe(`0x240102${"07".repeat(32)}`);
    // Branch: header, key, bitmap u16 LE, value, children with compact lengths.
    const b = encodeNode(branch("6", inline("aa"), { 0: fromHex("4100"), 15: hash32(1) }));
    expect(toHex(b)).toBe(`0xc106018004aa08410080${"01".repeat(32)}`);
    // Hashed-value branch: header 0001 + 4 bits.
    const hb = encodeNode(branch("", { hashed: true, hash: hash32(2) }, { 3: hash32(3) }));
    expect(toHex(hb)).toBe(`0x100800${"02".repeat(32)}80${"03".repeat(32)}`);
    expect(toHex(encodeNode({ kind: "empty" }))).toBe("0x00");
  });

  it("continues long partial key lengths in 0xff bytes", () => {
    const cases: Array<[number, string]> = [
      [62, "7e"],
      [63, "7f00"],
      [317, "7ffe"],
      [318, "7fff00"],
      [573, "7fffff00"],
    ];
    for (const [n, header] of cases) {
      const enc = encodeNode({ kind: "leaf", partial: new Uint8Array(n), value: inline("") });
      expect(toHex(enc.subarray(0, header.length / 2))).toBe(`0x${header}`);
      expect((decodeNode(enc) as { partial: Uint8Array }).partial.length).toBe(n);
    }
    // Hashed leaf (5 bits) and hashed branch (4 bits) fill at 31 and 15.
    const hl = encodeNode({
      kind: "leaf",
      partial: new Uint8Array(31),
      value: { hashed: true, hash: hash32(0) },
    });
    expect(toHex(hl.subarray(0, 2))).toBe("0x3f00");
    const hb = encodeNode(branch("0".repeat(16), { hashed: true, hash: hash32(0) }, { 0: hash32(1) }));
    expect(toHex(hb.subarray(0, 2))).toBe("0x1f01");
  });

  it("round-trips and agrees with substrate-bindings' decoder", () => {
    const nodes: TrieNode[] = [
      { kind: "leaf", partial: nibbles("0102"), value: inline("aabb") },
      { kind: "leaf", partial: nibbles("abc"), value: { hashed: true, hash: hash32(9) } },
      branch("", undefined, { 1: hash32(1), 9: fromHex("420104") }),
      branch("123", inline("ff"), { 0: hash32(5) }),
      branch("12", { hashed: true, hash: hash32(6) }, { 0: hash32(5), 15: hash32(7) }),
    ];
    const slab = new Slab();
    for (const node of nodes) {
      const enc = encodeNode(node);
      expect(decodeNode(enc)).toEqual(node);
      expect(decodeNode(enc, slab)).toEqual(node);
      const theirs = trieNodeDec(enc);
      const partial = "partial" in node ? [...node.partial].map((n) => n.toString(16)).join("") : "";
      expect(theirs.partialKey).toBe(partial);
      if (node.kind === "branch") {
        const kids = Object.fromEntries(
          node.children.flatMap((c, i) => (c ? [[i.toString(16), toHex(c)]] : [])),
        );
        expect((theirs as { children: Record<string, string> }).children).toEqual(kids);
      }
      if (node.kind !== "empty" && node.value) {
        // substrate-bindings keeps an inline value's compact length prefix.
        const v = node.value.hashed ? toHex(node.value.hash) : toHex(node.value.data).slice(2);
        expect((theirs as { value: string }).value.endsWith(v.replace("0x", ""))).toBe(true);
      }
    }
  });

  it("rejects malformed nodes with DecodeError", () => {
    expectDecodeError("", "truncated");
    expectDecodeError("01", "unknown-variant"); // reserved for compact proofs
    for (let b = 2; b < 16; b++) expectDecodeError(b.toString(16).padStart(2, "0"), "unknown-variant");
    expectDecodeError("0000", "trailing-bytes"); // the empty node is exactly one byte
    expectDecodeError("42010401ff", "trailing-bytes");
    expectDecodeError("420104", "truncated"); // value missing
    expectDecodeError("4201", "truncated");
    expectDecodeError("7f", "truncated"); // header continuation missing
    expectDecodeError("7fff", "truncated");
    expectDecodeError("43fabc00", "non-canonical"); // non-zero padding nibble
    expectDecodeError("4201050001", "non-canonical"); // non-minimal compact length
    expectDecodeError("80", "truncated"); // bitmap missing
    expectDecodeError("800000", "invalid-value"); // valueless branch, no children
    expectDecodeError("c00000", "invalid-value"); // value branch, no children: Substrate rejects too
    expectDecodeError(`800100${"80"}${"00".repeat(32)}`, "non-canonical"); // valueless, one child
    expectDecodeError("8003000000", "invalid-value"); // empty child reference
    expectDecodeError(`800300${"84"}${"00".repeat(33)}80${"00".repeat(32)}`, "invalid-value"); // 33-byte child
    expectDecodeError(`240102${"07".repeat(31)}`, "truncated"); // short value hash
    expectDecodeError(`7f${"ff".repeat(257)}00`, "too-large"); // beyond 65535 nibbles
  });

  it("decodes random bytes or throws DecodeError, and re-encodes what it accepts exactly", () => {
    const check = (bytes: Uint8Array) => {
      let node: TrieNode;
      try {
        node = decodeNode(bytes);
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
        return;
      }
      expect(toHex(encodeNode(node))).toBe(toHex(bytes));
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), check), { numRuns: 3000 });
    // Mutations of valid nodes reach deeper into the decoder than random bytes do.
    const valid = fc
      .record({
        partial: fc.uint8Array({ maxLength: 70 }).map((a) => a.map((b) => b & 15)),
        value: fc.option(fc.uint8Array({ maxLength: 70 })),
        hashed: fc.boolean(),
        kids: fc.array(fc.tuple(fc.nat(15), fc.uint8Array({ minLength: 1, maxLength: 32 })), {
          maxLength: 5,
        }),
      })
      .map(({ partial, value, hashed, kids }): TrieNode => {
        const v: NodeValue | undefined =
          value === null
            ? undefined
            : hashed
              ? { hashed: true, hash: hash32(value.length) }
              : { hashed: false, data: value };
        const children: (Uint8Array | undefined)[] = new Array(16).fill(undefined);
        for (const [i, c] of kids) children[i] = c;
        const count = children.filter(Boolean).length;
        if (count === 0)
          return { kind: "leaf", partial, value: v ?? { hashed: false, data: new Uint8Array(0) } };
        if (count === 1 && v === undefined)
          return { kind: "leaf", partial, value: { hashed: false, data: children.find(Boolean)! } };
        return { kind: "branch", partial, value: v, children };
      });
    fc.assert(
      fc.property(
        valid,
        fc.array(fc.tuple(fc.nat(200), fc.nat(255)), { maxLength: 3 }),
        fc.nat(8),
        (node, flips, cut) => {
          const enc = encodeNode(node);
          expect(decodeNode(enc)).toEqual(node);
          const mutated = enc.slice(0, Math.max(0, enc.length - (cut > 5 ? 0 : cut)));
          for (const [at, b] of flips) if (mutated.length > 0) mutated[at % mutated.length] = b;
          check(mutated);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
