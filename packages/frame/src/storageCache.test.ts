import { keyId } from "@canary/primitives";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CachedStorageHost } from "./storageCache.ts";
import { MemoryHost } from "./testing/index.ts";

const STORAGE_CALLS = [
  "storageGet",
  "storageExists",
  "storageSet",
  "storageClear",
  "storageAppend",
  "storageStartTransaction",
  "storageCommitTransaction",
  "storageRollbackTransaction",
] as const;

/** A MemoryHost that counts the storage calls reaching it. */
function countingHost(maxPending?: number) {
  const inner = new MemoryHost();
  const calls: Record<string, number> = {};
  for (const name of STORAGE_CALLS) {
    const original = (inner[name] as (...a: unknown[]) => unknown).bind(inner);
    (inner as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      calls[name] = (calls[name] ?? 0) + 1;
      return original(...args);
    };
  }
  const reset = () => {
    for (const name of Object.keys(calls)) delete calls[name];
  };
  return { inner, calls, reset, cached: new CachedStorageHost(inner, maxPending) };
}

const bytes = (...values: number[]) => Uint8Array.from(values);
const K = bytes(1, 2, 3);
const L = bytes(1, 2, 4);

describe("CachedStorageHost reads", () => {
  it("answers repeated reads, absent keys included, without asking the host again", () => {
    const { inner, calls, reset, cached } = countingHost();
    inner.storageSet(K, bytes(9));
    reset();
    expect(cached.storageGet(K)).toEqual(bytes(9));
    expect(cached.storageGet(K)).toEqual(bytes(9));
    expect(cached.storageExists(K)).toBe(true);
    expect(cached.storageGet(L)).toBeUndefined();
    expect(cached.storageExists(L)).toBe(false);
    expect(calls).toEqual({ storageGet: 2 });
  });

  it("answers copies: modifying a read or a written value changes no later answer", () => {
    const { cached } = countingHost();
    const written = bytes(1, 1);
    const key = K.slice();
    cached.storageSet(key, written);
    written[0] = 7;
    key[0] = 9;
    const read = cached.storageGet(K)!;
    read[1] = 8;
    expect(cached.storageGet(K)).toEqual(bytes(1, 1));
    cached.flush();
    expect(cached.storageGet(K)).toEqual(bytes(1, 1));
  });
});

describe("CachedStorageHost writes", () => {
  it("keeps writes until flushed, then hands the host one write per key", () => {
    const { inner, calls, reset, cached } = countingHost();
    inner.storageSet(L, bytes(8));
    reset();
    cached.storageSet(K, bytes(1));
    cached.storageSet(K, bytes(2));
    cached.storageSet(L, bytes(3));
    cached.storageClear(L);
    expect(cached.storageGet(K)).toEqual(bytes(2));
    expect(cached.storageExists(L)).toBe(false);
    expect(calls).toEqual({});
    expect(inner.storageGet(L)).toEqual(bytes(8));
    reset();
    cached.flush();
    expect(calls).toEqual({ storageSet: 1, storageClear: 1 });
    expect(inner.storageGet(K)).toEqual(bytes(2));
    expect(inner.storageExists(L)).toBe(false);
    // What it wrote is known afterwards: no read goes to the host.
    reset();
    expect(cached.storageGet(K)).toEqual(bytes(2));
    expect(cached.storageExists(L)).toBe(false);
    expect(calls).toEqual({});
  });

  it("keeps transactions to itself while nothing needs the host", () => {
    const { inner, calls, reset, cached } = countingHost();
    inner.storageSet(K, bytes(1));
    reset();
    cached.storageStartTransaction();
    cached.storageSet(K, bytes(2));
    cached.storageSet(L, bytes(3));
    cached.storageStartTransaction();
    cached.storageSet(K, bytes(4));
    cached.storageRollbackTransaction();
    expect(cached.storageGet(K)).toEqual(bytes(2));
    cached.storageCommitTransaction();
    cached.storageStartTransaction();
    cached.storageClear(K);
    cached.storageRollbackTransaction();
    expect(cached.depth).toBe(0);
    cached.flush();
    expect(calls).toEqual({ storageSet: 2 });
    expect(inner.storageGet(K)).toEqual(bytes(2));
    expect(inner.storageGet(L)).toEqual(bytes(3));
  });

  it("opens a host transaction for each open layer it flushes, so a rollback reaches the host", () => {
    const { inner, cached } = countingHost();
    cached.storageSet(K, bytes(1));
    cached.storageStartTransaction();
    cached.storageSet(K, bytes(2));
    cached.storageStartTransaction();
    cached.storageSet(L, bytes(3));
    // The next key is the host's to answer: everything goes there first, each in its layer.
    expect(cached.storageNextKey(K)).toEqual(L);
    expect(inner.transactionDepth).toBe(2);
    cached.storageSet(L, bytes(4));
    cached.storageRollbackTransaction();
    expect(inner.transactionDepth).toBe(1);
    expect(inner.storageGet(L)).toBeUndefined();
    expect(cached.storageGet(L)).toBeUndefined();
    expect(cached.storageGet(K)).toEqual(bytes(2));
    cached.storageSet(K, bytes(5));
    cached.storageRollbackTransaction();
    expect(inner.transactionDepth).toBe(0);
    expect(cached.storageGet(K)).toEqual(bytes(1));
    expect(inner.storageGet(K)).toEqual(bytes(1));
    cached.flush();
    expect(inner.storageGet(K)).toEqual(bytes(1));
  });

  it("commits a flushed layer on the host and keeps the newer writes above it", () => {
    const { inner, cached } = countingHost();
    cached.storageStartTransaction();
    cached.storageSet(K, bytes(1));
    expect(cached.storageRoot(1)).toEqual(inner.storageRoot(1));
    cached.storageStartTransaction();
    cached.storageSet(K, bytes(2));
    cached.storageCommitTransaction();
    cached.storageCommitTransaction();
    expect(inner.transactionDepth).toBe(0);
    expect(inner.storageGet(K)).toEqual(bytes(1));
    expect(cached.storageGet(K)).toEqual(bytes(2));
    cached.flush();
    expect(inner.storageGet(K)).toEqual(bytes(2));
  });

  it("flushes a layer that grows past its bound, and still rolls it back", () => {
    const { inner, cached } = countingHost(2);
    cached.storageStartTransaction();
    cached.storageSet(bytes(1), bytes(1));
    cached.storageSet(bytes(2), bytes(2));
    expect(inner.transactionDepth).toBe(0);
    cached.storageSet(bytes(3), bytes(3));
    expect(inner.transactionDepth).toBe(1);
    expect(inner.storageGet(bytes(3))).toEqual(bytes(3));
    cached.storageRollbackTransaction();
    expect(inner.transactionDepth).toBe(0);
    expect(inner.state.size).toBe(0);
    expect(cached.storageGet(bytes(1))).toBeUndefined();
  });

  it("refuses a commit or rollback with no transaction open, as the host does", () => {
    const { cached } = countingHost();
    expect(() => cached.storageCommitTransaction()).toThrow(/without an open storage transaction/);
    expect(() => cached.storageRollbackTransaction()).toThrow(/without an open storage transaction/);
  });
});

describe("CachedStorageHost appends", () => {
  it("appends to the host's value without reading it, and reads it back whole", () => {
    const { inner, calls, reset, cached } = countingHost();
    inner.storageSet(K, bytes(4, 7));
    reset();
    cached.storageAppend(K, bytes(8));
    cached.storageAppend(K, bytes(9));
    expect(calls).toEqual({});
    expect(cached.storageGet(K)).toEqual(bytes(12, 7, 8, 9));
    expect(calls).toEqual({ storageGet: 1 });
    reset();
    cached.flush();
    // (The host's own append reads the value it appends to.)
    expect(calls.storageAppend).toBe(2);
    expect(inner.storageGet(K)).toEqual(bytes(12, 7, 8, 9));
  });

  it("builds a vector it set or removed itself, and hands the host one value", () => {
    const { inner, calls, reset, cached } = countingHost();
    inner.storageSet(K, bytes(4, 7));
    inner.storageSet(L, bytes(0xff));
    reset();
    cached.storageClear(K);
    for (let i = 0; i < 100; i++) cached.storageAppend(K, bytes(i));
    // A malformed vector starts afresh, as the host's append does.
    cached.storageSet(L, bytes(0xff));
    cached.storageAppend(L, bytes(5));
    cached.flush();
    expect(calls).toEqual({ storageSet: 2 });
    expect(inner.storageGet(K)).toEqual(
      Uint8Array.from([0x91, 0x01, ...Array.from({ length: 100 }, (_, i) => i)]),
    );
    expect(inner.storageGet(L)).toEqual(bytes(4, 5));
  });

  it("an append rolled back leaves the vector as it was", () => {
    const { inner, cached } = countingHost();
    cached.storageAppend(K, bytes(1));
    cached.storageStartTransaction();
    cached.storageAppend(K, bytes(2));
    cached.storageRollbackTransaction();
    cached.storageAppend(K, bytes(3));
    cached.flush();
    expect(inner.storageGet(K)).toEqual(bytes(8, 1, 3));
  });

  it("appends in a transaction over appends below it reach the host once each", () => {
    for (const flushInside of [false, true]) {
      for (const commit of [false, true]) {
        const { inner, cached } = countingHost();
        cached.storageAppend(K, bytes(1));
        cached.storageStartTransaction();
        cached.storageAppend(K, bytes(2));
        if (flushInside) cached.flush();
        cached.storageAppend(K, bytes(3));
        expect(cached.storageGet(K)).toEqual(bytes(12, 1, 2, 3));
        if (commit) cached.storageCommitTransaction();
        else cached.storageRollbackTransaction();
        cached.storageAppend(K, bytes(4));
        cached.flush();
        expect(inner.storageGet(K)).toEqual(commit ? bytes(16, 1, 2, 3, 4) : bytes(8, 1, 4));
      }
    }
  });

  it("a vector removed and flushed is appended to as a whole value, not item by item", () => {
    const { inner, calls, reset, cached } = countingHost();
    inner.storageSet(K, bytes(4, 7));
    inner.storageSet(L, bytes(4, 7));
    cached.storageClear(K);
    // Removing a prefix flushes first; what it did not touch is still known.
    cached.storageClearPrefix(bytes(9));
    reset();
    cached.storageAppend(K, bytes(1));
    cached.storageAppend(K, bytes(2));
    cached.flush();
    expect(calls).toEqual({ storageSet: 1 });
    expect(inner.storageGet(K)).toEqual(bytes(8, 1, 2));
  });

  it("prefix removal goes to the host after what is pending", () => {
    const { inner, cached } = countingHost();
    cached.storageSet(K, bytes(1));
    cached.storageAppend(L, bytes(7));
    expect(cached.storageClearPrefix(bytes(1, 2))).toEqual({ removed: 2, complete: true });
    expect(cached.storageGet(K)).toBeUndefined();
    expect(cached.storageGet(L)).toBeUndefined();
    expect(inner.state.size).toBe(0);
  });
});

describe("CachedStorageHost against the host alone", () => {
  type Op =
    | ["get" | "exists" | "clear" | "next", number[]]
    | ["set" | "append", number[], number[]]
    | ["clearPrefix", number[], number | undefined]
    | ["start" | "commit" | "rollback" | "root" | "flush"];
  const key = fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 });
  const value = fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 });
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom("set" as const, "append" as const), key, value) },
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom("get" as const, "exists" as const), key) },
    fc.tuple(fc.constantFrom("clear" as const, "next" as const), key),
    fc.tuple(
      fc.constant("clearPrefix" as const),
      key,
      fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    ),
    {
      weight: 3,
      arbitrary: fc.tuple(fc.constantFrom("start" as const, "commit" as const, "rollback" as const)),
    },
    fc.tuple(fc.constantFrom("root" as const, "flush" as const)),
  );

  /** Runs `o` on `h`; a refused call answers its error code. */
  function run(h: MemoryHost | CachedStorageHost, o: Op): unknown {
    try {
      switch (o[0]) {
        case "get":
          return h.storageGet(Uint8Array.from(o[1]));
        case "exists":
          return h.storageExists(Uint8Array.from(o[1]));
        case "clear":
          return h.storageClear(Uint8Array.from(o[1]));
        case "next":
          return h.storageNextKey(Uint8Array.from(o[1]));
        case "set":
          return h.storageSet(Uint8Array.from(o[1]), Uint8Array.from(o[2]));
        case "append":
          return h.storageAppend(Uint8Array.from(o[1]), Uint8Array.from(o[2]));
        case "clearPrefix":
          return h.storageClearPrefix(Uint8Array.from(o[1]), o[2]);
        case "start":
          return h.storageStartTransaction();
        case "commit":
          return h.storageCommitTransaction();
        case "rollback":
          return h.storageRollbackTransaction();
        case "root":
          return h.storageRoot(1);
        case "flush":
          return h instanceof CachedStorageHost ? h.flush() : undefined;
      }
    } catch (e) {
      return (e as { code?: string }).code ?? e;
    }
  }

  it("answers every call as the host would, and leaves the host in the same state", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), fc.integer({ min: 1, max: 4 }), (ops, bound) => {
        const reference = new MemoryHost();
        const inner = new MemoryHost();
        const cached = new CachedStorageHost(inner, bound);
        for (const o of ops) expect(run(cached, o)).toEqual(run(reference, o));
        cached.flush();
        expect(inner.transactionDepth).toBe(reference.transactionDepth);
        expect(new Map(inner.state)).toEqual(new Map(reference.state));
        // And what a rollback of every open layer leaves.
        while (reference.transactionDepth > 0) {
          run(reference, ["rollback"]);
          run(cached, ["rollback"]);
        }
        cached.flush();
        expect(new Map(inner.state)).toEqual(new Map(reference.state));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("keys with their ids", () => {
  it("the id forms and the plain forms share one cache; a reused buffer reads by its current bytes", () => {
    const { inner, calls, reset, cached } = countingHost();
    inner.storageSet(K, bytes(1));
    inner.storageSet(L, bytes(2));
    cached.setWithId(K, keyId(K), bytes(3));
    reset();
    expect(cached.storageGet(K.slice())).toEqual(bytes(3));
    expect(cached.getWithId(K, keyId(K))).toEqual(bytes(3));
    expect(cached.existsWithId(L, keyId(L))).toBe(true);
    const reused = K.slice();
    expect(cached.storageGet(reused)).toEqual(bytes(3));
    reused[2] = 4;
    expect(cached.storageGet(reused)).toEqual(bytes(2));
    cached.clearWithId(L, keyId(L));
    expect(cached.storageExists(L)).toBe(false);
    cached.appendWithId(K, keyId(K), bytes(5));
    expect(cached.storageGet(K)).toEqual(bytes(4, 5));
    expect(calls).toEqual({ storageExists: 1, storageGet: 1 });
    cached.flush();
    expect(inner.storageGet(K)).toEqual(bytes(4, 5));
    expect(inner.storageGet(L)).toBeUndefined();
  });
});

describe("keyId", () => {
  it("gives one char per byte, for keys of any length", () => {
    expect(keyId(bytes(0, 255, 7))).toBe("\u0000\u00ff\u0007");
    const long = new Uint8Array(100_000).map((_, i) => i % 251);
    const id = keyId(long);
    expect(id.length).toBe(100_000);
    expect(id.charCodeAt(99_999)).toBe(99_999 % 251);
  });
});
