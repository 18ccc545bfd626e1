import { fromHex, toHex } from "@canary/primitives";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TrieError } from "./errors.ts";
import { hashKey, MemoryNodeStore } from "./nodeStore.ts";

describe("hashKey", () => {
  it("is toHex", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        expect(hashKey(b)).toBe(toHex(b));
      }),
    );
  });
});

describe("MemoryNodeStore", () => {
  it("behaves like a map of reference counts, through collisions, growth and compaction", () => {
    // Hashes share their first bytes (the table's slot) often, to exercise probing and deletion.
    const hash = fc.tuple(fc.nat(3), fc.nat(40)).map(([home, tail]) => {
      const h = new Uint8Array(32);
      h[0] = home;
      h[31] = tail;
      h[30] = tail >> 3;
      return h;
    });
    // Mostly small entries, some larger than a quarter chunk (stored on their own).
    const size = fc.oneof(
      { weight: 9, arbitrary: fc.nat(3000) },
      { weight: 1, arbitrary: fc.constant(300_000) },
    );
    const op = fc.tuple(fc.boolean(), hash, fc.integer({ min: 1, max: 3 }), size);
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const store = new MemoryNodeStore();
        const model = new Map<string, { refs: number; data: string }>();
        for (const [add, h, refs, size] of ops) {
          const key = toHex(h);
          const held = model.get(key)?.refs ?? 0;
          if (add) {
            const data = new Uint8Array(size).fill(h[31]!);
            store.insert(h, data, refs);
            model.set(key, { refs: held + refs, data: model.get(key)?.data ?? toHex(data) });
          } else if (held >= refs) {
            store.remove(key as `0x${string}`, refs);
            if (held === refs) model.delete(key);
            else model.set(key, { ...model.get(key)!, refs: held - refs });
          } else {
            expect(() => store.remove(h, refs)).toThrow(TrieError);
          }
        }
        expect(store.size).toBe(model.size);
        for (const [key, { refs, data }] of model) {
          expect(store.refCount(key as `0x${string}`)).toBe(refs);
          expect(toHex(store.get(fromHex(key))!)).toBe(data);
        }
        const listed = Object.fromEntries(
          [...store.entries()].map(([k, d, r]) => [k, { refs: r, data: toHex(d) }]),
        );
        expect(listed).toEqual(Object.fromEntries(model));
      }),
      { numRuns: 100 },
    );
  });

  it("reclaims removed bytes and keeps handed-out arrays intact", () => {
    const store = new MemoryNodeStore();
    const hashes = Array.from({ length: 3000 }, (_, i) => {
      const h = new Uint8Array(32);
      new DataView(h.buffer).setUint32(0, i * 2654435761, true);
      return h;
    });
    hashes.forEach((h, i) => {
      store.insert(h, new Uint8Array(1000).fill(i & 0xff));
    });
    const early = store.get(hashes[2999]!)!;
    for (let i = 0; i < 2900; i++) store.remove(hashes[i]!);
    expect(store.size).toBe(100);
    expect(store.bytes).toBe(100_000);
    for (let i = 2900; i < 3000; i++) expect(store.get(hashes[i]!)![999]).toBe(i & 0xff);
    expect(early[0]).toBe(2999 & 0xff);
    expect(store.get(hashes[0]!)).toBeUndefined();
    expect(store.get(new Uint8Array(31))).toBeUndefined();
    expect(() => store.insert("0x12", new Uint8Array(1))).toThrow(TrieError);
  });
});
