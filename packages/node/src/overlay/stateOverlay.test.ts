import { MemoryHost } from "@canary/frame/testing";
import { toHex } from "@canary/primitives";
import { MemoryNodeStore, TrieDb, trieRoot } from "@canary/trie";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BlockState } from "./blockState.ts";
import { StateOverlay } from "./stateOverlay.ts";
import { VerifiedSignatureSet } from "./verifiedSignatures.ts";

const b = (...bytes: number[]) => Uint8Array.from(bytes);

/** A stored trie with `entries`, and its store. */
function stored(entries: Array<[Uint8Array, Uint8Array]>) {
  const store = new MemoryNodeStore();
  const trie = new TrieDb(store);
  for (const [k, v] of entries) trie.set(k, v);
  const commit = trie.commit();
  for (const [hash, { data, refs }] of commit.inserted) store.insert(hash, data, refs);
  return { store, root: commit.root };
}

describe("StateOverlay", () => {
  const base = () => {
    const { store, root } = stored([
      [b(1), b(10)],
      [b(1, 1), b(11)],
      [b(1, 2), b(12)],
      [b(2), b(20)],
    ]);
    return new StateOverlay(new TrieDb(store, root));
  };

  it("reads through to the backend and shadows it with writes and deletions", () => {
    const o = base();
    expect(o.get(b(1, 1))).toEqual(b(11));
    o.set(b(1, 1), b(99));
    o.clear(b(2));
    expect(o.get(b(1, 1))).toEqual(b(99));
    expect(o.get(b(2))).toBeUndefined();
    expect(o.exists(b(2))).toBe(false);
    expect(o.changes()).toEqual([
      [b(1, 1), b(99)],
      [b(2), undefined],
    ]);
  });

  it("finds the next key across both, skipping deletions on either side", () => {
    const o = base();
    o.clear(b(1, 1));
    o.clear(b(1, 2));
    o.set(b(1, 3), b(13));
    expect(o.nextKey(b(1))).toEqual(b(1, 3));
    expect(o.nextKey(b(1, 3))).toEqual(b(2));
    o.clear(b(2));
    expect(o.nextKey(b(1, 3))).toBeUndefined();
    expect(o.nextKey(b())).toEqual(b(1));
  });

  it("rolls back exactly a transaction's writes, nested layers included", () => {
    const o = base();
    o.set(b(5), b(50));
    o.startTransaction();
    o.set(b(5), b(51));
    o.clear(b(1));
    o.startTransaction();
    o.set(b(6), b(60));
    o.commitTransaction();
    expect(o.get(b(6))).toEqual(b(60));
    o.rollbackTransaction();
    expect(o.get(b(5))).toEqual(b(50));
    expect(o.get(b(1))).toEqual(b(10));
    expect(o.get(b(6))).toBeUndefined();
    expect(o.changes()).toEqual([[b(5), b(50)]]);
  });

  it("refuses commit or rollback without a transaction, and changes() with one open", () => {
    const o = base();
    expect(() => o.commitTransaction()).toThrow(/without an open storage transaction/);
    expect(() => o.rollbackTransaction()).toThrow(/without an open storage transaction/);
    o.startTransaction();
    expect(() => o.changes()).toThrow(/still open/);
  });

  it("appends to a SCALE vector, starting one for a missing or malformed value", () => {
    const o = base();
    o.append(b(7), b(1, 2));
    o.append(b(7), b(3));
    expect(o.get(b(7))).toEqual(b(8, 1, 2, 3));
    o.set(b(8), b(0xff)); // not a valid compact prefix
    o.append(b(8), b(4));
    expect(o.get(b(8))).toEqual(b(4, 4));
  });

  it("clears a prefix across both sides, up to a limit", () => {
    const o = base();
    o.set(b(1, 9), b(19));
    expect(o.clearPrefix(b(1), 2)).toEqual({ removed: 2, complete: false });
    expect(o.clearPrefix(b(1))).toEqual({ removed: 2, complete: true });
    expect(o.nextKey(b())).toEqual(b(2));
  });
});

describe("BlockState", () => {
  it("reads the parent's value of a change rolled back after a root, which the working trie still holds", () => {
    const { store, root } = stored([
      [b(1), b(10)],
      [b(2), b(20)],
    ]);
    const state = new BlockState({ store, root });
    const o = state.overlay;
    expect(o.get(b(1))).toEqual(b(10)); // read before anything changed: through the working trie
    o.startTransaction();
    o.set(b(1), b(11));
    o.clear(b(2));
    o.set(b(3), b(30));
    const inside = state.root(1);
    o.rollbackTransaction();
    expect(o.get(b(1))).toEqual(b(10));
    expect(o.get(b(2))).toEqual(b(20));
    expect(o.get(b(3))).toBeUndefined();
    o.append(b(3), b(7));
    expect(o.get(b(3))).toEqual(b(4, 7));
    o.clear(b(3));
    expect(toHex(state.root(1))).toBe(toHex(root));
    expect(toHex(inside)).not.toBe(toHex(root));
    // After the root the working trie agrees with the parent again, and reads go through it.
    expect(o.get(b(1))).toEqual(b(10));
    expect(o.get(b(2))).toEqual(b(20));
  });

  it("computes roots incrementally and its store changes reopen the new state", () => {
    const initial: Array<[Uint8Array, Uint8Array]> = Array.from({ length: 200 }, (_, i) => [
      b(i & 0xff, i >> 8, 7),
      new Uint8Array(40).fill(i),
    ]);
    const { store, root } = stored(initial);
    const state = new BlockState({ store, root });
    state.overlay.set(b(1, 0, 7), b(1));
    const first = state.root(1);
    state.overlay.clear(b(2, 0, 7));
    state.overlay.set(b(250, 250), new Uint8Array(50).fill(3));
    const second = state.root(1);
    expect(toHex(first)).not.toBe(toHex(second));
    const expected = new Map(initial.map(([k, v]) => [toHex(k), [k, v] as [Uint8Array, Uint8Array]]));
    expected.set(toHex(b(1, 0, 7)), [b(1, 0, 7), b(1)]);
    expected.delete(toHex(b(2, 0, 7)));
    expected.set(toHex(b(250, 250)), [b(250, 250), new Uint8Array(50).fill(3)]);
    expect(toHex(second)).toBe(toHex(trieRoot(expected.values(), 1)));
    const commit = state.commit();
    for (const [hash, { data, refs }] of commit.inserted) store.insert(hash, data, refs);
    const reopened = new TrieDb(store, commit.root);
    for (const [k, v] of expected.values()) expect(reopened.get(k)).toEqual(v);
  });
});

describe("StateOverlay and BlockState against MemoryHost (property)", () => {
  const value = fc.uint8Array({ minLength: 1, maxLength: 40 });
  const opsOver = (key: fc.Arbitrary<Uint8Array>) =>
    fc.oneof(
      fc.record({ kind: fc.constant("set" as const), key, value }),
      fc.record({ kind: fc.constant("clear" as const), key }),
      fc.record({ kind: fc.constant("append" as const), key, value }),
      fc.record({
        kind: fc.constant("clearPrefix" as const),
        key,
        limit: fc.option(fc.nat(4), { nil: undefined }),
      }),
      fc.record({ kind: fc.constant("nextKey" as const), key }),
      fc.record({ kind: fc.constant("get" as const), key }),
      fc.record({ kind: fc.constant("start" as const) }),
      fc.record({ kind: fc.constant("commit" as const) }),
      fc.record({ kind: fc.constant("rollback" as const) }),
      fc.record({ kind: fc.constant("root" as const) }),
    );

  // Many keys (prefixes, next keys), and few (the same key written, hashed into a root, rolled back, read).
  for (const [name, key, numRuns] of [
    ["keys of up to 3 bytes", fc.uint8Array({ minLength: 0, maxLength: 3, max: 3 }), 300],
    ["four one-byte keys", fc.uint8Array({ minLength: 1, maxLength: 1, max: 3 }), 10_000],
  ] as const) {
    it(`every operation answers as the reference host, and the root and stored state agree (${name})`, () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => toHex(k), maxLength: 12 }),
          fc.array(opsOver(key), { maxLength: 60 }),
          (initial, ops) => {
            const { store, root } = stored(initial);
            const state = new BlockState({ store, root });
            const o = state.overlay;
            const ref = new MemoryHost(initial);
            let depth = 0;
            for (const step of ops) {
              switch (step.kind) {
                case "set":
                  o.set(step.key, step.value);
                  ref.storageSet(step.key, step.value);
                  break;
                case "clear":
                  o.clear(step.key);
                  ref.storageClear(step.key);
                  break;
                case "append":
                  o.append(step.key, step.value);
                  ref.storageAppend(step.key, step.value);
                  break;
                case "clearPrefix":
                  expect(o.clearPrefix(step.key, step.limit)).toEqual(
                    ref.storageClearPrefix(step.key, step.limit),
                  );
                  break;
                case "nextKey":
                  expect(o.nextKey(step.key)).toEqual(ref.storageNextKey(step.key));
                  break;
                case "get":
                  expect(o.get(step.key)).toEqual(ref.storageGet(step.key));
                  break;
                case "start":
                  o.startTransaction();
                  ref.storageStartTransaction();
                  depth++;
                  break;
                case "commit":
                case "rollback":
                  if (depth === 0) break;
                  if (step.kind === "commit") {
                    o.commitTransaction();
                    ref.storageCommitTransaction();
                  } else {
                    o.rollbackTransaction();
                    ref.storageRollbackTransaction();
                  }
                  depth--;
                  break;
                case "root":
                  expect(toHex(state.root(1))).toBe(toHex(ref.storageRoot(1)));
                  break;
              }
            }
            for (; depth > 0; depth--) {
              o.commitTransaction();
              ref.storageCommitTransaction();
            }
            const commit = state.commit();
            expect(toHex(commit.root)).toBe(toHex(ref.storageRoot(1)));
            for (const [hash, { data, refs }] of commit.inserted) store.insert(hash, data, refs);
            const reopened = new TrieDb(store, commit.root);
            for (const [k, v] of ref.state.values()) expect(reopened.get(k)).toEqual(v);
          },
        ),
        { numRuns },
      );
    });
  }
});

describe("VerifiedSignatureSet", () => {
  it("answers only for the exact signature, message and key it was given", () => {
    const set = new VerifiedSignatureSet();
    set.add(b(1, 2), b(3), b(4));
    expect(set.has(b(1, 2), b(3), b(4))).toBe(true);
    expect(set.has(b(1, 2), b(3, 0), b(4))).toBe(false);
    expect(set.has(b(1, 2), b(3), b(5))).toBe(false);
    expect(set.has(b(1, 3), b(3), b(4))).toBe(false);
  });

  it("tells apart signatures that differ only in high bytes, or are longer than one key's limit", () => {
    const set = new VerifiedSignatureSet();
    set.add(b(0x80, 0xff), b(3), b(4));
    expect(set.has(b(0x80, 0xff), b(3), b(4))).toBe(true);
    expect(set.has(b(0x80, 0xfe), b(3), b(4))).toBe(false);
    expect(set.has(b(0x00, 0xff), b(3), b(4))).toBe(false);
    const long = new Uint8Array(5000).fill(0xc3);
    set.add(long, b(3), b(4));
    expect(set.has(long.slice(), b(3), b(4))).toBe(true);
    long[4999] = 0xc4;
    expect(set.has(long, b(3), b(4))).toBe(false);
  });
});
