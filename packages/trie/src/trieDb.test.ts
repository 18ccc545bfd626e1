import { compareBytes, fromHex, toHex } from "@canary/primitives";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TrieError } from "./errors.ts";
import { MemoryNodeStore } from "./nodeStore.ts";
import { buildTrie, EMPTY_TRIE_ROOT, trieRoot } from "./root.ts";
import { thousand, VECTORS } from "./test/vectors.ts";
import { TrieDb } from "./trieDb.ts";

type Version = 0 | 1;
const hex = (b: Uint8Array | undefined) => (b === undefined ? undefined : toHex(b));

/** The store a bulk build of `entries` yields: every entry with its occurrence count. */
function bulkSnapshot(entries: Iterable<[Uint8Array, Uint8Array]>, version: Version) {
  const store = new MemoryNodeStore();
  buildTrie(entries, version, (h, d) => store.insert(h, d));
  return snapshot(store);
}

function snapshot(store: MemoryNodeStore): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, d, refs] of store.entries()) out[k] = `${toHex(d)}×${refs}`;
  return out;
}

function modelEntries(model: Map<string, Uint8Array>): [Uint8Array, Uint8Array][] {
  return [...model].map(([k, v]) => [fromHex(k), v]);
}

function sortedKeys(model: Map<string, Uint8Array>): Uint8Array[] {
  return [...model.keys()].map(fromHex).sort(compareBytes);
}

const key = fc
  .array(fc.constantFrom(0x00, 0x01, 0x10, 0x11, 0xf0, 0xff), { maxLength: 4 })
  .map((a) => Uint8Array.from(a));
const value = fc.oneof(fc.uint8Array({ maxLength: 6 }), fc.uint8Array({ minLength: 31, maxLength: 36 }));
type Op =
  | ["set", Uint8Array, Uint8Array]
  | ["delete", Uint8Array]
  | ["clear", Uint8Array, number | null]
  | ["commit"];
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constant("set" as const), key, value) },
  { weight: 3, arbitrary: fc.tuple(fc.constant("delete" as const), key) },
  { weight: 1, arbitrary: fc.tuple(fc.constant("clear" as const), key, fc.option(fc.nat(3), { nil: null })) },
  { weight: 1, arbitrary: fc.tuple(fc.constant("commit" as const)) },
);

describe("TrieDb", () => {
  for (const { name, entries, v0, v1 } of VECTORS) {
    it(`reaches the vector root: ${name}`, () => {
      for (const version of [0, 1] as const) {
        const store = new MemoryNodeStore();
        const trie = new TrieDb(store, EMPTY_TRIE_ROOT, version);
        for (const [k, v] of entries) trie.set(k, v);
        const commit = trie.commit();
        expect(toHex(commit.root)).toBe(version === 0 ? v0 : (v1 ?? v0));
        expect(commit.removed.size).toBe(0);
        store.apply(commit);
        expect(snapshot(store)).toEqual(bulkSnapshot(entries, version));
        const reopened = new TrieDb(store, commit.root, version);
        for (const [k, v] of entries) expect(hex(reopened.get(k))).toBe(toHex(v));
        expect([...reopened.keys()].map(toHex)).toEqual(
          entries
            .map(([k]) => k)
            .sort(compareBytes)
            .map(toHex),
        );
      }
    });
  }

  it("matches trieRoot and a bulk-built store after any interleaving of changes", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.constantFrom<Version>(0, 1), (ops, version) => {
        const store = new MemoryNodeStore();
        let trie = new TrieDb(store, EMPTY_TRIE_ROOT, version);
        const model = new Map<string, Uint8Array>();
        const check = () => {
          const commit = trie.commit();
          expect(hex(commit.root)).toBe(hex(trieRoot(modelEntries(model), version)));
          store.apply(commit);
          // Occurrence counts are exact: the store holds what a fresh build of the model holds.
          expect(snapshot(store)).toEqual(bulkSnapshot(modelEntries(model), version));
          trie = new TrieDb(store, commit.root, version);
        };
        for (const o of ops) {
          if (o[0] === "set") {
            trie.set(o[1], o[2]);
            model.set(toHex(o[1]), o[2]);
          } else if (o[0] === "delete") {
            expect(trie.delete(o[1])).toBe(model.delete(toHex(o[1])));
          } else if (o[0] === "clear") {
            const matching = sortedKeys(model).filter((k) => toHex(k).startsWith(toHex(o[1])));
            const limit = o[2] ?? undefined;
            const gone = limit === undefined ? matching : matching.slice(0, limit);
            for (const k of gone) model.delete(toHex(k));
            expect(trie.clearPrefix(o[1], limit)).toEqual({
              removed: gone.length,
              complete: gone.length === matching.length,
            });
          } else check();
          expect(hex(trie.get(o[1] ?? new Uint8Array(0)))).toBe(
            hex(model.get(toHex(o[1] ?? new Uint8Array(0)))),
          );
        }
        check();
        const keys = sortedKeys(model);
        expect([...trie.keys()].map(toHex)).toEqual(keys.map(toHex));
      }),
      { numRuns: 300 },
    );
  });

  it("answers nextKey and prefix iteration like a sorted map", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 25 }), key, (entries, probe) => {
        const store = new MemoryNodeStore();
        const root = buildTrie(entries, 1, (h, d) => store.insert(h, d));
        const trie = new TrieDb(store, root);
        const keys = [...new Map(entries.map(([k]) => [toHex(k), k])).values()].sort(compareBytes);
        const next = keys.find((k) => compareBytes(k, probe) > 0);
        expect(hex(trie.nextKey(probe))).toBe(hex(next));
        const withPrefix = keys.filter((k) => toHex(k).startsWith(toHex(probe)));
        expect([...trie.keys(probe)].map(toHex)).toEqual(withPrefix.map(toHex));
        const model = new Map(entries.map(([k, v]) => [toHex(k), toHex(v)]));
        for (const [k, v] of trie.entries(probe)) expect(toHex(v)).toBe(model.get(toHex(k)));
      }),
      { numRuns: 300 },
    );
  });

  it("restores the previous root and store when inserted keys are deleted", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, value), { maxLength: 20 }),
        fc.array(fc.tuple(key, value), { maxLength: 10 }),
        (base, extra) => {
          const store = new MemoryNodeStore();
          const root = buildTrie(base, 1, (h, d) => store.insert(h, d));
          const before = snapshot(store);
          const baseKeys = new Set(base.map(([k]) => toHex(k)));
          const fresh = extra.filter(([k]) => !baseKeys.has(toHex(k)));
          const trie = new TrieDb(store, root);
          for (const [k, v] of fresh) trie.set(k, v);
          const mid = trie.commit();
          store.apply(mid);
          for (const [k] of fresh) trie.delete(k);
          const after = trie.commit();
          expect(toHex(after.root)).toBe(toHex(root));
          store.apply(after);
          expect(snapshot(store)).toEqual(before);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("does not change anything when a key is set to the value it has", () => {
    const store = new MemoryNodeStore();
    const root = buildTrie(thousand(), 1, (h, d) => store.insert(h, d));
    const trie = new TrieDb(store, root);
    for (const [k, v] of thousand().slice(0, 50)) trie.set(k, v.slice());
    expect(trie.dirty).toBe(false);
    const commit = trie.commit();
    expect(toHex(commit.root)).toBe(toHex(root));
    expect(commit.inserted.size + commit.removed.size).toBe(0);
  });

  it("re-hashes only the changed paths", () => {
    const store = new MemoryNodeStore();
    const entries = thousand();
    const root = buildTrie(entries, 1, (h, d) => store.insert(h, d));
    const trie = new TrieDb(store, root);
    trie.set(entries[7]![0], Uint8Array.of(1, 2, 3));
    const commit = trie.commit();
    // A path in a 1000-key trie is about 3 nodes deep: a handful of new nodes, not hundreds.
    expect(commit.inserted.size).toBeLessThanOrEqual(5);
    expect(commit.removed.size).toBeLessThanOrEqual(5);
    const changed = entries.map(([k, v], i): [Uint8Array, Uint8Array] => [
      k,
      i === 7 ? Uint8Array.of(1, 2, 3) : v,
    ]);
    expect(toHex(commit.root)).toBe(toHex(trieRoot(changed, 1)));
  });

  it("counts shared values and subtrees so a delete keeps what others still use", () => {
    const store = new MemoryNodeStore();
    const big = new Uint8Array(80).fill(7);
    const trie = new TrieDb(store);
    trie.set(fromHex("0a01"), big);
    trie.set(fromHex("0b01"), big);
    trie.set(fromHex("0c01"), big);
    let commit = trie.commit();
    const valueKey = [...commit.inserted].find(([, e]) => e.data === big)![0];
    expect(commit.inserted.get(valueKey)!.refs).toBe(3);
    store.apply(commit);
    expect(store.refCount(valueKey)).toBe(3);
    trie.delete(fromHex("0b01"));
    commit = trie.commit();
    store.apply(commit);
    expect(store.refCount(valueKey)).toBe(2);
    expect(hex(new TrieDb(store, commit.root).get(fromHex("0c01")))).toBe(toHex(big));
  });

  it("keeps values in the form they were written, and migrates them when rewritten", () => {
    const store = new MemoryNodeStore();
    const big = new Uint8Array(40).fill(9);
    const trie = new TrieDb(store, EMPTY_TRIE_ROOT, 0);
    trie.set(fromHex("01"), big);
    trie.set(fromHex("02"), Uint8Array.of(1));
    store.apply(trie.commit());
    trie.stateVersion = 1;
    trie.set(fromHex("03"), Uint8Array.of(2)); // re-encodes the root, the v0 value stays inline
    const mixed = trie.commit();
    const entries: [Uint8Array, Uint8Array][] = [
      [fromHex("01"), big],
      [fromHex("02"), Uint8Array.of(1)],
      [fromHex("03"), Uint8Array.of(2)],
    ];
    expect(toHex(mixed.root)).toBe(toHex(trieRoot(entries, 0)));
    store.apply(mixed);
    trie.set(fromHex("01"), big.slice());
    const migrated = trie.commit();
    expect(toHex(migrated.root)).toBe(toHex(trieRoot(entries, 1)));
  });

  it("clears prefixes whole or up to a limit", () => {
    const store = new MemoryNodeStore();
    const trie = new TrieDb(store);
    for (const k of ["aa01", "aa02", "aa0301", "ab01", "aa"]) trie.set(fromHex(k), fromHex(k));
    expect(trie.clearPrefix(fromHex("aa"), 2)).toEqual({ removed: 2, complete: false });
    expect([...trie.keys()].map(toHex)).toEqual(["0xaa02", "0xaa0301", "0xab01"]);
    expect(trie.clearPrefix(fromHex("aa"))).toEqual({ removed: 2, complete: true });
    expect(trie.clearPrefix(fromHex("ff"))).toEqual({ removed: 0, complete: true });
    expect(trie.clearPrefix(fromHex("ab"), 0)).toEqual({ removed: 0, complete: false });
    expect(toHex(trie.commit().root)).toBe(toHex(trieRoot([[fromHex("ab01"), fromHex("ab01")]], 1)));
    expect(trie.clearPrefix(new Uint8Array(0))).toEqual({ removed: 1, complete: true });
    expect(toHex(trie.commit().root)).toBe(toHex(EMPTY_TRIE_ROOT));
  });

  it("reads through the store after uncache, and reports missing or corrupt nodes", () => {
    const store = new MemoryNodeStore();
    const entries = thousand();
    const root = buildTrie(entries, 1, (h, d) => store.insert(h, d));
    const trie = new TrieDb(store, root);
    trie.set(fromHex("00"), fromHex("01"));
    expect(() => trie.uncache()).toThrow(TrieError);
    const commit = trie.commit();
    store.apply(commit);
    trie.uncache();
    expect(hex(trie.get(fromHex("00")))).toBe("0x01");
    expect(hex(trie.get(entries[3]![0]))).toBe(toHex(entries[3]![1]));

    const missing = new TrieDb(new MemoryNodeStore(), root);
    expect(() => missing.get(fromHex("00"))).toThrow(expect.objectContaining({ code: "TRIE_MISSING_NODE" }));
    const corrupt = new MemoryNodeStore();
    corrupt.insert(root, Uint8Array.of(0x01));
    expect(() => new TrieDb(corrupt, root).get(fromHex("00"))).toThrow(
      expect.objectContaining({ code: "TRIE_CORRUPT_NODE" }),
    );
    // A hashed value missing from the store.
    const noValues = new MemoryNodeStore();
    const hashed = buildTrie([[fromHex("01"), new Uint8Array(50)]], 1, (h, d) => {
      if (d.length !== 50) noValues.insert(h, d);
    });
    expect(() => new TrieDb(noValues, hashed).get(fromHex("01"))).toThrow(
      expect.objectContaining({ code: "TRIE_MISSING_VALUE" }),
    );
  });

  it("handles keys nested thousands deep without recursion, and refuses over-long keys", () => {
    // Each key is a prefix of the next: a chain of 2,000 branches, 4,000 nibbles deep.
    const entries = Array.from({ length: 2000 }, (_, i): [Uint8Array, Uint8Array] => [
      new Uint8Array(i + 1).fill(0x11),
      Uint8Array.of(i & 0xff),
    ]);
    const store = new MemoryNodeStore();
    const trie = new TrieDb(store);
    for (const [k, v] of entries) trie.set(k, v);
    const commit = trie.commit();
    expect(toHex(commit.root)).toBe(toHex(trieRoot(entries, 1)));
    store.apply(commit);
    const reopened = new TrieDb(store, commit.root);
    expect(hex(reopened.get(entries[1999]![0]))).toBe(toHex(entries[1999]![1]));
    expect(hex(reopened.nextKey(entries[1998]![0]))).toBe(toHex(entries[1999]![0]));
    expect([...reopened.keys(entries[1990]![0])].length).toBe(10);
    reopened.delete(entries[1000]![0]);
    expect(toHex(reopened.commit().root)).toBe(
      toHex(
        trieRoot(
          entries.filter((_, i) => i !== 1000),
          1,
        ),
      ),
    );

    const tooLong = new Uint8Array(32768);
    expect(() => trie.set(tooLong, Uint8Array.of(1))).toThrow(
      expect.objectContaining({ code: "TRIE_KEY_TOO_LONG" }),
    );
    expect(() => trieRoot([[tooLong, Uint8Array.of(1)]], 1)).toThrow(
      expect.objectContaining({ code: "TRIE_KEY_TOO_LONG" }),
    );
    expect(toHex(trieRoot([[new Uint8Array(32767), Uint8Array.of(1)]], 1))).toMatch(/^0x[0-9a-f]{64}$/);
  });
});
