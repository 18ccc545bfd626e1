import { describe, expect, it } from "vitest";
import { MemoryDatabase } from "./memoryDatabase.ts";
import { metaKeys } from "./meta.ts";

const chain = { genesisHash: new Uint8Array(32).fill(7), chainId: "sim" };
const k = (...bytes: number[]) => Uint8Array.from(bytes);

describe("MemoryDatabase", () => {
  it("starts with the chain's identity in meta, as a new LMDB database does", () => {
    const db = new MemoryDatabase(chain);
    expect(db.get("meta", metaKeys.genesisHash)).toEqual(chain.genesisHash);
    expect(db.has("meta", metaKeys.schemaVersion)).toBe(true);
  });

  it("scans keys in byte order, with prefix, bounds, reverse and limit", () => {
    const db = new MemoryDatabase(chain);
    const batch = db.batch();
    for (const key of [k(2, 1), k(1), k(2), k(1, 255), k(3)]) batch.put("header", key, key);
    batch.commit();
    const keys = (range?: Parameters<MemoryDatabase["keys"]>[1]) =>
      [...db.keys("header", range)].map((x) => [...x]);
    expect(keys()).toEqual([[1], [1, 255], [2], [2, 1], [3]]);
    expect(keys({ prefix: k(2) })).toEqual([[2], [2, 1]]);
    expect(keys({ gte: k(1, 255), lt: k(3) })).toEqual([[1, 255], [2], [2, 1]]);
    expect(keys({ reverse: true, limit: 2 })).toEqual([[3], [2, 1]]);
  });

  it("applies a batch all at once, only on commit, and once; values are copies", () => {
    const db = new MemoryDatabase(chain);
    const value = k(9);
    const batch = db.batch().put("body", k(1), value).put("body", k(2), k(8)).delete("body", k(2));
    expect(batch.size).toBe(3);
    expect(db.has("body", k(1))).toBe(false);
    batch.commit();
    expect(db.get("body", k(1))).toEqual(k(9));
    expect(db.has("body", k(2))).toBe(false);
    expect(() => batch.commit()).toThrow(expect.objectContaining({ code: "DB_WRITE_FAILED" }));
    value[0] = 0;
    db.get("body", k(1))![0] = 0;
    expect(db.get("body", k(1))).toEqual(k(9));
  });

  it("iterates the snapshot it started on, whatever is written meanwhile", () => {
    const db = new MemoryDatabase(chain);
    db.batch().put("header", k(1), k(1)).put("header", k(2), k(2)).commit();
    const seen: number[] = [];
    for (const { key } of db.entries("header")) {
      seen.push(key[0]!);
      db.batch().put("header", k(0), k(0)).delete("header", k(2)).commit();
    }
    expect(seen).toEqual([1, 2]);
    expect([...db.keys("header")].map((x) => x[0])).toEqual([0, 1]);
  });

  it("refuses use once closed, and keeps what was committed for a reopen (a simulated crash)", async () => {
    const db = new MemoryDatabase(chain);
    db.batch().put("header", k(1), k(1)).commit();
    db.batch().put("header", k(2), k(2)); // never committed: lost in the crash
    await db.close();
    expect(() => db.get("header", k(1))).toThrow(expect.objectContaining({ code: "DB_CLOSED" }));
    const again = db.reopen();
    expect(again.get("header", k(1))).toEqual(k(1));
    expect(again.has("header", k(2))).toBe(false);
  });
});
