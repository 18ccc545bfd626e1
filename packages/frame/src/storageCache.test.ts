import { describe, expect, it } from "vitest";
import { CachedStorageHost, keyId } from "./storageCache.ts";
import { MemoryHost } from "./testing/index.ts";

/** A MemoryHost that counts the storage reads reaching it. */
function countingHost() {
  const inner = new MemoryHost();
  const reads = { get: 0, exists: 0 };
  const get = inner.storageGet.bind(inner);
  const exists = inner.storageExists.bind(inner);
  inner.storageGet = (key) => {
    reads.get++;
    return get(key);
  };
  inner.storageExists = (key) => {
    reads.exists++;
    return exists(key);
  };
  return { inner, reads, cached: new CachedStorageHost(inner) };
}

const bytes = (...values: number[]) => Uint8Array.from(values);
const K = bytes(1, 2, 3);
const L = bytes(1, 2, 4);

describe("CachedStorageHost", () => {
  it("answers repeated reads, absent keys included, without asking the host again", () => {
    const { inner, reads, cached } = countingHost();
    inner.storageSet(K, bytes(9));
    expect(cached.storageGet(K)).toEqual(bytes(9));
    expect(cached.storageGet(K)).toEqual(bytes(9));
    expect(cached.storageExists(K)).toBe(true);
    expect(cached.storageGet(L)).toBeUndefined();
    expect(cached.storageExists(L)).toBe(false);
    expect(reads).toEqual({ get: 2, exists: 0 });
  });

  it("writes through to the host and answers what it wrote", () => {
    const { inner, reads, cached } = countingHost();
    cached.storageSet(K, bytes(5));
    expect(inner.storageGet(K)).toEqual(bytes(5));
    reads.get = 0;
    expect(cached.storageGet(K)).toEqual(bytes(5));
    cached.storageClear(K);
    expect(inner.storageGet(K)).toBeUndefined();
    reads.get = 0;
    expect(cached.storageGet(K)).toBeUndefined();
    expect(reads.get).toBe(0);
  });

  it("answers copies: modifying a read or a written value changes no later answer", () => {
    const { cached } = countingHost();
    const written = bytes(1, 1);
    cached.storageSet(K, written);
    written[0] = 7;
    const read = cached.storageGet(K)!;
    read[1] = 8;
    expect(cached.storageGet(K)).toEqual(bytes(1, 1));
  });

  it("forgets what a rolled-back transaction wrote, and keeps a committed one", () => {
    const { inner, cached } = countingHost();
    cached.storageSet(K, bytes(1));
    cached.storageStartTransaction();
    cached.storageSet(K, bytes(2));
    cached.storageSet(L, bytes(3));
    cached.storageRollbackTransaction();
    expect(cached.storageGet(K)).toEqual(bytes(1));
    expect(cached.storageGet(L)).toBeUndefined();
    cached.storageStartTransaction();
    cached.storageSet(K, bytes(4));
    cached.storageCommitTransaction();
    expect(cached.storageGet(K)).toEqual(bytes(4));
    expect(inner.storageGet(K)).toEqual(bytes(4));
  });

  it("reads appended vectors and prefix removals from the host", () => {
    const { inner, cached } = countingHost();
    expect(cached.storageGet(K)).toBeUndefined();
    cached.storageAppend(K, bytes(7));
    expect(cached.storageGet(K)).toEqual(inner.storageGet(K));
    expect(cached.storageGet(K)).toEqual(bytes(4, 7));
    cached.storageSet(L, bytes(1));
    expect(cached.storageGet(L)).toEqual(bytes(1));
    expect(cached.storageClearPrefix(bytes(1, 2))).toEqual({ removed: 2, complete: true });
    expect(cached.storageGet(K)).toBeUndefined();
    expect(cached.storageGet(L)).toBeUndefined();
  });

  it("passes everything else to the host", () => {
    const { inner, cached } = countingHost();
    expect(cached.blake2_256(K)).toEqual(inner.blake2_256(K));
    cached.storageSet(K, bytes(1));
    expect(cached.storageNextKey(bytes(1))).toEqual(K);
    expect(cached.storageRoot(1)).toEqual(inner.storageRoot(1));
  });
});

describe("keys with their ids", () => {
  it("the id forms and the plain forms share one cache; a reused buffer reads by its current bytes", () => {
    const { inner, reads, cached } = countingHost();
    inner.storageSet(K, bytes(1));
    inner.storageSet(L, bytes(2));
    cached.setWithId(K, keyId(K), bytes(3));
    reads.get = 0;
    expect(cached.storageGet(K.slice())).toEqual(bytes(3));
    expect(cached.getWithId(K, keyId(K))).toEqual(bytes(3));
    expect(cached.existsWithId(L, keyId(L))).toBe(true);
    const reused = K.slice();
    expect(cached.storageGet(reused)).toEqual(bytes(3));
    reused[2] = 4;
    expect(cached.storageGet(reused)).toEqual(bytes(2));
    cached.clearWithId(L, keyId(L));
    expect(cached.storageExists(L)).toBe(false);
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
