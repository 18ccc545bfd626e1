/**
 * Test fixture for crashSafety.test.ts, run as a child process that is killed with SIGKILL:
 * `node crashWriter.fixture.ts <db path>` commits numbered batches until killed. Batch i writes 8
 * headers and a body keyed by i, replaces the 8 trie nodes of batch i-1 by its own (so it deletes
 * too), and records i under META_LAST; verifyBatches checks that each batch is all there or absent.
 */

import type { Database } from "./interface.ts";
import { blockNumberKey, readBlockNumber } from "./keys.ts";
import { openDatabase } from "./openDatabase.ts";
import type { ChainIdentity } from "./options.ts";

export const CRASH_CHAIN: ChainIdentity = { genesisHash: new Uint8Array(32).fill(7), chainId: "crash_test" };
const META_LAST = new TextEncoder().encode("crashTest.last");
const PER_BATCH = 8;

function entryKey(batch: number, j: number): Uint8Array {
  const key = new Uint8Array(5);
  key.set(blockNumberKey(batch));
  key[4] = j;
  return key;
}

function entryValue(batch: number, j: number, length: number): Uint8Array {
  const value = new Uint8Array(length).fill((batch * 31 + j) & 0xff);
  value.set(blockNumberKey(batch));
  return value;
}

export function commitBatch(db: Database, i: number): void {
  const batch = db.batch();
  for (let j = 0; j < PER_BATCH; j++) {
    batch.put("header", entryKey(i, j), entryValue(i, j, 64));
    if (i > 0) batch.delete("trieNode", entryKey(i - 1, j));
    batch.put("trieNode", entryKey(i, j), entryValue(i, j, 40));
  }
  batch.put("body", blockNumberKey(i), entryValue(i, 255, 3000));
  batch.put("meta", META_LAST, blockNumberKey(i));
  batch.commit();
}

/** The last committed batch, or -1; throws with a description if any batch is partly there. */
export function verifyBatches(db: Database): number {
  const lastBytes = db.get("meta", META_LAST);
  const last = lastBytes === undefined ? -1 : readBlockNumber(lastBytes);
  const fail = (what: string) => {
    throw new Error(`after batch ${last}: ${what}`);
  };
  const same = (a: Uint8Array | undefined, b: Uint8Array) => a !== undefined && Buffer.compare(a, b) === 0;
  for (let i = 0; i <= last; i++) {
    for (let j = 0; j < PER_BATCH; j++) {
      if (!same(db.get("header", entryKey(i, j)), entryValue(i, j, 64))) fail(`header ${i}/${j} wrong`);
    }
    if (!same(db.get("body", blockNumberKey(i)), entryValue(i, 255, 3000))) fail(`body ${i} wrong`);
  }
  const headers = [...db.keys("header")].length;
  if (headers !== PER_BATCH * (last + 1)) fail(`${headers} headers`);
  const bodies = [...db.keys("body")].length;
  if (bodies !== last + 1) fail(`${bodies} bodies`);
  const nodes = [...db.entries("trieNode")];
  if (nodes.length !== (last < 0 ? 0 : PER_BATCH)) fail(`${nodes.length} trie nodes`);
  for (const { key, value } of nodes) {
    if (readBlockNumber(key) !== last || !same(value, entryValue(last, key[4]!, 40))) fail("stale trie node");
  }
  return last;
}

if (import.meta.main) {
  const path = process.argv[2]!;
  const db = openDatabase({ path, chain: CRASH_CHAIN });
  let next = verifyBatches(db) + 1;
  process.stdout.write("ready\n");
  const stopAt = Date.now() + 20_000; // bounded even if the parent never kills it
  while (Date.now() < stopAt) commitBatch(db, next++);
  await db.close();
}
