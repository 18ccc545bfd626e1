import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { Database } from "./interface.ts";
import { openDatabase } from "./openDatabase.ts";
import type { ChainIdentity } from "./options.ts";
import { TABLES } from "./tables.ts";

const chain: ChainIdentity = { genesisHash: new Uint8Array(32).fill(1), chainId: "test" };
const dir = mkdtempSync(join(tmpdir(), "canary-db-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const open: Database[] = [];
let n = 0;
function fresh(options: { sync?: boolean } = {}): Database {
  const db = openDatabase({ path: join(dir, `db${n++}`), chain, ...options });
  open.push(db);
  return db;
}
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
});

const b = (...bytes: number[]) => Uint8Array.from(bytes);
const list = (it: Iterable<Uint8Array>) => [...it].map((k) => [...k]);

describe("reads and batched writes", () => {
  it("puts, gets and deletes across every table", () => {
    const db = fresh();
    const batch = db.batch();
    for (const [i, table] of TABLES.entries()) batch.put(table, b(0xaa, i), b(i, i, i));
    expect(batch.size).toBe(TABLES.length);
    batch.commit();
    for (const [i, table] of TABLES.entries()) {
      expect(db.get(table, b(0xaa, i))).toEqual(b(i, i, i));
      expect(db.has(table, b(0xaa, i))).toBe(true);
      expect(db.get(table, b(0xab, i))).toBeUndefined(); // other tables' keys are not seen here
      expect(db.has(table, b(0xaa, i + 1))).toBe(false);
    }
    db.batch().delete("header", b(0xaa, 1)).delete("body", b(0xaa, 2)).commit();
    expect(db.has("header", b(0xaa, 1))).toBe(false);
    expect(db.get("body", b(0xaa, 2))).toBeUndefined();
    const t = TABLES.indexOf("trieNode");
    expect(db.get("trieNode", b(0xaa, t))).toEqual(b(t, t, t));
  });

  it("stores empty values and returns copies the caller may change", () => {
    const db = fresh();
    db.batch()
      .put("blockNumber", b(0, 0, 0, 1, 9), b())
      .put("body", b(1), b(5, 6))
      .commit();
    expect(db.get("blockNumber", b(0, 0, 0, 1, 9))).toEqual(b());
    expect(db.has("blockNumber", b(0, 0, 0, 1, 9))).toBe(true);
    const got = db.get("body", b(1))!;
    got[0] = 99;
    expect(db.get("body", b(1))).toEqual(b(5, 6));
  });

  it("applies a batch's operations in order", () => {
    const db = fresh();
    db.batch().put("header", b(1), b(1)).delete("header", b(1)).put("header", b(2), b(1)).commit();
    db.batch().delete("header", b(2)).put("header", b(2), b(2)).put("header", b(2), b(3)).commit();
    expect(db.has("header", b(1))).toBe(false);
    expect(db.get("header", b(2))).toEqual(b(3));
  });

  it("writes nothing of a batch whose commit fails part-way", () => {
    const db = fresh();
    db.batch().put("meta", b(1), b(1)).commit();
    const batch = db.batch().put("header", b(1), b(1)).delete("meta", b(1)).put("body", b(), b(2)); // empty key: LMDB refuses
    expect(() => batch.commit()).toThrow(expect.objectContaining({ code: "DB_WRITE_FAILED" }));
    expect(() => batch.commit()).toThrow(expect.objectContaining({ code: "DB_BATCH_COMMITTED" }));
    expect(db.has("header", b(1))).toBe(false);
    expect(db.get("meta", b(1))).toEqual(b(1));
    const tooLong = db.batch().put("header", b(2), b(2)).put("trieNode", new Uint8Array(4000), b(1));
    expect(() => tooLong.commit()).toThrow(/write 2 \(trieNode/);
    expect(db.has("header", b(2))).toBe(false);
    // the database is still usable
    db.batch().put("header", b(3), b(3)).commit();
    expect(db.get("header", b(3))).toEqual(b(3));
  });

  it("refuses a batch used after commit", () => {
    const db = fresh();
    const batch = db.batch().put("header", b(1), b(1));
    batch.commit();
    expect(() => batch.put("header", b(2), b(2))).toThrow(
      expect.objectContaining({ code: "DB_BATCH_COMMITTED" }),
    );
  });
});

describe("ordered iteration", () => {
  function filled(): Database {
    const db = fresh();
    const batch = db.batch();
    for (const key of [b(1), b(1, 0), b(1, 5), b(1, 0xff), b(2), b(2, 0), b(0xff), b(0xff, 0xff), b(0)]) {
      batch.put("header", key, Uint8Array.of(key.length, ...key));
    }
    batch.put("body", b(1, 1), b(1)); // another table: never listed
    batch.commit();
    return db;
  }

  it("lists keys in byte order, forwards and backwards", () => {
    const db = filled();
    const all = [[0], [1], [1, 0], [1, 5], [1, 0xff], [2], [2, 0], [0xff], [0xff, 0xff]];
    expect(list(db.keys("header"))).toEqual(all);
    expect(list(db.keys("header", { reverse: true }))).toEqual(all.toReversed());
    expect([...db.entries("header", { gte: b(2) })].map((e) => [...e.value])).toEqual([
      [1, 2],
      [2, 2, 0],
      [1, 0xff],
      [2, 0xff, 0xff],
    ]);
  });

  it("scans a prefix, a half-open range, and both with reverse and limit", () => {
    const db = filled();
    expect(list(db.keys("header", { prefix: b(1) }))).toEqual([[1], [1, 0], [1, 5], [1, 0xff]]);
    expect(list(db.keys("header", { prefix: b(1), reverse: true, limit: 2 }))).toEqual([
      [1, 0xff],
      [1, 5],
    ]);
    expect(list(db.keys("header", { prefix: b(0xff) }))).toEqual([[0xff], [0xff, 0xff]]);
    expect(list(db.keys("header", { gte: b(1, 0), lt: b(2) }))).toEqual([
      [1, 0],
      [1, 5],
      [1, 0xff],
    ]);
    expect(list(db.keys("header", { gte: b(1, 0), lt: b(2), reverse: true }))).toEqual([
      [1, 0xff],
      [1, 5],
      [1, 0],
    ]);
    expect(list(db.keys("header", { prefix: b(1), gte: b(1, 1), lt: b(1, 0xff) }))).toEqual([[1, 5]]);
    expect(list(db.keys("header", { lt: b(1), reverse: true }))).toEqual([[0]]);
    // bounds that are not stored keys
    expect(list(db.keys("header", { lt: b(1, 6), reverse: true }))).toEqual([[1, 5], [1, 0], [1], [0]]);
    expect(list(db.keys("header", { gte: b(1, 1), lt: b(3), reverse: true, limit: 2 }))).toEqual([
      [2, 0],
      [2],
    ]);
    expect(list(db.keys("header", { gte: b(1, 6), lt: b(2, 1) }))).toEqual([[1, 0xff], [2], [2, 0]]);
    expect(list(db.keys("header", { gte: b(2), lt: b(2) }))).toEqual([]);
    expect(list(db.keys("header", { limit: 0 }))).toEqual([]);
    expect(list(db.keys("header", { prefix: b(3) }))).toEqual([]);
  });

  it("iterates a snapshot taken when iteration starts", () => {
    const db = filled();
    const iterator = db.keys("header", { prefix: b(1) })[Symbol.iterator]();
    expect([...iterator.next().value!]).toEqual([1]);
    db.batch().put("header", b(1, 7), b()).delete("header", b(1, 0xff)).commit();
    const rest: number[][] = [];
    for (let r = iterator.next(); !r.done; r = iterator.next()) rest.push([...r.value]);
    expect(rest).toEqual([
      [1, 0],
      [1, 5],
      [1, 0xff],
    ]);
    expect(list(db.keys("header", { prefix: b(1) }))).toEqual([[1], [1, 0], [1, 5], [1, 7]]);
  });
});

describe("close, reopen, read-only", () => {
  it("keeps committed data across close and reopen, with and without sync", async () => {
    for (const sync of [true, false]) {
      const db = fresh({ sync });
      db.batch().put("header", b(1), b(2)).commit();
      await db.close();
      await db.close(); // idempotent
      expect(() => db.get("header", b(1))).toThrow(expect.objectContaining({ code: "DB_CLOSED" }));
      expect(() => db.batch()).toThrow(expect.objectContaining({ code: "DB_CLOSED" }));
      const again = openDatabase({ path: db.path, chain, sync });
      open.push(again);
      expect(again.get("header", b(1))).toEqual(b(2));
    }
  });

  it("reads a database opened read-only and refuses to write it", async () => {
    const db = fresh();
    db.batch()
      .put("canonicalHash", b(0, 0, 0, 1), b(9))
      .commit();
    await db.close();
    const ro = openDatabase({ path: db.path, chain, readOnly: true });
    open.push(ro);
    expect(ro.readOnly).toBe(true);
    expect(ro.get("canonicalHash", b(0, 0, 0, 1))).toEqual(b(9));
    expect(list(ro.keys("canonicalHash"))).toEqual([[0, 0, 0, 1]]);
    expect(() => ro.batch()).toThrow(expect.objectContaining({ code: "DB_READ_ONLY" }));
  });
});
