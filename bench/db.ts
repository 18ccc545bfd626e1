// The LMDB store (packages/node/src/db) on a table of 1,000,000 entries (32-byte random keys,
// 100-byte values) in a temporary directory: random reads of existing keys, and batched writes of
// new random keys. Raw lmdb-js reads of the same keys are the bound our reads are compared with.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { open } from "lmdb";
import { type Database, openDatabase } from "../packages/node/src/db/index.ts";
import { type BenchRow, opsPerSecond, report } from "./report.ts";

const ENTRIES = 1_000_000;
const BATCH = 10_000;
const KEY = 32;
const VALUE = 100;
const chain = { genesisHash: new Uint8Array(32), chainId: "bench" };

const dir = mkdtempSync(join(tmpdir(), "canary-bench-db-"));
const values = randomBytes(BATCH + VALUE);
const valueAt = (i: number) => values.subarray(i % BATCH, (i % BATCH) + VALUE);
// Sorted, so the initial load appends; the measured writes below use fresh random keys.
const keys = Array.from({ length: ENTRIES }, () => randomBytes(KEY)).sort(Buffer.compare);

/** Commits `count` batches of `size` puts of fresh random keys; returns seconds taken. */
function writeBatches(db: Database, count: number, size: number): number {
  const fresh = randomBytes(count * size * KEY);
  const start = performance.now();
  for (let b = 0; b < count; b++) {
    const batch = db.batch();
    for (let i = 0; i < size; i++) {
      const k = (b * size + i) * KEY;
      batch.put("trieNode", fresh.subarray(k, k + KEY), valueAt(i));
    }
    batch.commit();
  }
  return (performance.now() - start) / 1000;
}

// Keys to read, drawn up front so that reading does not time the random number generator.
const sample = Array.from({ length: 100_000 }, () => keys[Math.floor(Math.random() * ENTRIES)]!);
let cursor = 0;
const nextKey = () => sample[cursor++ % sample.length]!;

/** Best of `rounds` alternating runs of each op, so that load from other processes hits both alike. */
function bestOfAlternating(ops: Array<() => void>, perCall: number, rounds: number): number[] {
  const best = ops.map(() => 0);
  for (let r = 0; r < rounds; r++) {
    ops.forEach((op, i) => {
      best[i] = Math.max(best[i]!, opsPerSecond(op, perCall, 500));
    });
  }
  return best;
}

const rows: BenchRow[] = [];
try {
  const path = join(dir, "db");
  const db = openDatabase({ path, chain }); // sync: commits are flushed to disk before they return

  const loadStart = performance.now();
  for (let b = 0; b < ENTRIES; b += BATCH) {
    const batch = db.batch();
    for (let i = b; i < b + BATCH; i++) batch.put("trieNode", keys[i]!, valueAt(i));
    batch.commit();
  }
  const loaded = ENTRIES / ((performance.now() - loadStart) / 1000);
  rows.push({ name: "initial load, sorted keys, batches of 10,000", value: loaded, unit: "entries/s" });

  const big = writeBatches(db, 10, BATCH);
  rows.push({
    name: "write batches of 10,000 random puts (into 1M)",
    value: (10 * BATCH) / big,
    unit: "entries/s",
  });
  rows.push({ name: "write batches of 10,000 random puts (into 1M)", value: 10 / big, unit: "batches/s" });
  const small = writeBatches(db, 100, 100);
  rows.push({ name: "write batches of 100 random puts (into 1M)", value: 100 / small, unit: "batches/s" });

  // The bound: lmdb-js's own get on the same table (lmdb-js shares the open environment).
  const env = open({ path, readOnly: true, encoding: "binary", keyEncoding: "binary" });
  const raw = env.openDB<Uint8Array, Uint8Array>({
    name: "trieNode",
    encoding: "binary",
    keyEncoding: "binary",
  });
  const [get, rawGet, has] = bestOfAlternating(
    [
      () => {
        for (let i = 0; i < 1000; i++) db.get("trieNode", nextKey());
      },
      () => {
        for (let i = 0; i < 1000; i++) raw.get(nextKey());
      },
      () => {
        for (let i = 0; i < 1000; i++) db.has("trieNode", nextKey());
      },
    ],
    1000,
    3,
  ) as [number, number, number];
  await env.close();
  const scan = opsPerSecond(() => {
    let n = 0;
    for (const _ of db.entries("trieNode", { gte: nextKey(), limit: 10_000 })) n++;
    if (n === 0) throw new Error("empty scan");
  }, 10_000);
  await db.close();

  const ratio = `${((get / rawGet) * 100).toFixed(0)}% of raw lmdb-js`;
  rows.push({ name: "random get, existing key (1M)", value: get, unit: "ops/s", note: ratio });
  rows.push({ name: "random get, raw lmdb-js (bound)", value: rawGet, unit: "ops/s" });
  rows.push({ name: "random has, existing key (1M)", value: has, unit: "ops/s" });
  rows.push({ name: "ordered scan from a random key", value: scan, unit: "entries/s" });

  // The same small batches without fsync, as --tmp and tests run.
  const noSync = openDatabase({ path, chain, sync: false });
  const unsynced = writeBatches(noSync, 100, 100);
  await noSync.close();
  rows.push({
    name: "write batches of 100 random puts, sync: false",
    value: 100 / unsynced,
    unit: "batches/s",
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
report("db", rows);
