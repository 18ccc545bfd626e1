// The Substrate trie (packages/trie): the root of 100,000 random entries from scratch, then a
// stored trie of 1,000,000 entries (bulk-built into the memory node store) changed by 10,000
// keys through TrieDb, re-hashing only the touched paths. Every blake2 call is counted, and raw
// blake2_256 throughput on node-sized inputs, measured in the same run, is the bound.
import { initCrypto } from "@canary/crypto";
import { blake2_256, getHashBackend, setHashBackend } from "@canary/primitives";
import {
  buildTrie,
  EMPTY_TRIE_ROOT,
  generateProof,
  MemoryNodeStore,
  TrieDb,
  trieRoot,
  verifyProof,
} from "../packages/trie/src/index.ts";
import { type BenchRow, opsPerSecond, report } from "./report.ts";

await initCrypto();
const wasm = getHashBackend();
let blakeCalls = 0;
setHashBackend({
  ...wasm,
  blake2b: (data, outLen) => {
    blakeCalls++;
    return wasm.blake2b(data, outLen);
  },
});

// A fixed-seed xorshift, so every run builds the same tries.
let seed = 0x9e3779b9;
function random(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
}
function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 4) {
    const r = random();
    for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (r >>> (8 * j)) & 0xff;
  }
  return out;
}
/** Random 32-byte keys and values of 1..maxValue bytes, as views of two slabs. */
function randomEntries(n: number, maxValue: number): [Uint8Array, Uint8Array][] {
  const keys = randomBytes(32 * n);
  const values = randomBytes(n * maxValue);
  const out: [Uint8Array, Uint8Array][] = [];
  for (let i = 0; i < n; i++) {
    const at = i * maxValue;
    out.push([keys.subarray(32 * i, 32 * i + 32), values.subarray(at, at + 1 + (random() % maxValue))]);
  }
  return out;
}
function timed<T>(op: () => T): [T, number, number] {
  const calls = blakeCalls;
  const start = performance.now();
  const result = op();
  return [result, (performance.now() - start) / 1000, blakeCalls - calls];
}
/** JS heap plus ArrayBuffer memory (the node store keeps its bytes in ArrayBuffers). */
const mib = () => {
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
};

const rows: BenchRow[] = [];

// Bound: blake2_256 of 70-byte inputs (a typical leaf or branch encoding) through the backend.
const node70 = randomBytes(70);
const bound = opsPerSecond(() => blake2_256(node70), 1, 1000);
rows.push({ name: "bound: blake2_256, 70-byte input", value: bound, unit: "hashes/s" });

// 1. Root of 100,000 random entries from scratch (best of 3).
const small = randomEntries(100_000, 48);
let best = Number.POSITIVE_INFINITY;
let hashes = 0;
for (let run = 0; run < 3; run++) {
  const [, seconds, calls] = timed(() => trieRoot(small, 1));
  if (seconds < best) [best, hashes] = [seconds, calls];
}
rows.push({ name: "trieRoot 100k entries (v1)", value: best * 1000, unit: "ms" });
rows.push({ name: "trieRoot 100k: entries/s", value: small.length / best, unit: "entries/s" });
rows.push({
  name: "trieRoot 100k: hashes/s",
  value: hashes / best,
  unit: "hashes/s",
  note: `${hashes.toLocaleString("en-US")} hashes, ${((hashes / best / bound) * 100).toFixed(0)}% of bound`,
});
const sorted = [...small].sort((a, b) => Buffer.compare(a[0], b[0]));
const [, sortedSeconds] = timed(() => trieRoot(sorted, 1));
rows.push({ name: "trieRoot 100k, keys pre-sorted", value: sortedSeconds * 1000, unit: "ms" });

// 2. A stored trie of 1,000,000 entries, bulk-built into the memory node store.
const big = randomEntries(1_000_000, 16);
const store = new MemoryNodeStore();
const [root, buildSeconds, buildCalls] = timed(() => buildTrie(big, 1, (h, d) => store.insert(h, d)));
rows.push({
  name: "bulk build 1M entries into the node store",
  value: buildSeconds * 1000,
  unit: "ms",
  note: `${store.size.toLocaleString("en-US")} entries, ${buildCalls.toLocaleString("en-US")} hashes`,
});
rows.push({ name: "node store: bytes of live entries", value: store.bytes / 2 ** 20, unit: "MiB" });
rows.push({
  name: "memory in use after the 1M build",
  value: mib(),
  unit: "MiB",
  note: "heap + ArrayBuffers, all inputs live",
});

// 3. Incremental update: 10,000 existing keys get new values, through a fresh (cold) TrieDb
// that loads the paths it touches from the store. Three rounds on the evolving trie; median.
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
const rounds: {
  set: number;
  commit: number;
  calls: number;
  apply: number;
  inserted: number;
  removed: number;
}[] = [];
let current = root;
for (let round = 0; round < 3; round++) {
  const trie = new TrieDb(store, current, 1);
  const changed = new Map<number, Uint8Array>();
  while (changed.size < 10_000) changed.set(random() % big.length, randomBytes(8));
  const [, setSeconds] = timed(() => {
    for (const [i, v] of changed) trie.set(big[i]![0], v);
  });
  const [commit, commitSeconds, calls] = timed(() => trie.commit());
  const [, applySeconds] = timed(() => store.apply(commit));
  for (const [i, v] of changed) big[i] = [big[i]![0], v];
  current = commit.root;
  rounds.push({
    set: setSeconds,
    commit: commitSeconds,
    calls,
    apply: applySeconds,
    inserted: commit.inserted.size,
    removed: commit.removed.size,
  });
}
const setS = median(rounds.map((r) => r.set));
const commitS = median(rounds.map((r) => r.commit));
const commitCalls = median(rounds.map((r) => r.calls));
rows.push({ name: "update 10k of 1M: set (loads paths)", value: setS * 1000, unit: "ms" });
rows.push({
  name: "update 10k of 1M: commit",
  value: commitS * 1000,
  unit: "ms",
  note: `${rounds[0]!.inserted.toLocaleString("en-US")} inserted, ${rounds[0]!.removed.toLocaleString("en-US")} removed`,
});
rows.push({
  name: "update 10k of 1M: commit hashes/s",
  value: commitCalls / commitS,
  unit: "hashes/s",
  note: `${commitCalls.toLocaleString("en-US")} hashes, ${((commitCalls / commitS / bound) * 100).toFixed(0)}% of bound`,
});
rows.push({
  name: "update 10k of 1M: set + commit",
  value: (setS + commitS) * 1000,
  unit: "ms",
  note: `${Math.round(10_000 / (setS + commitS)).toLocaleString("en-US")} changed keys/s`,
});
rows.push({
  name: "apply the commit to the node store",
  value: median(rounds.map((r) => r.apply)) * 1000,
  unit: "ms",
});

// Check the incremental root against a from-scratch root of the changed data (not timed).
if (Buffer.compare(trieRoot(big, 1), current) !== 0)
  throw new Error("incremental root differs from trieRoot");

// 4. Inserts and deletes: 5,000 new keys and 5,000 deleted ones, on a cold trie.
const cold = new TrieDb(store, current, 1);
const fresh = randomEntries(5_000, 16);
const [, mixedSeconds, mixedCalls] = timed(() => {
  for (const [k, v] of fresh) cold.set(k, v);
  for (let i = 0; i < 5_000; i++) cold.delete(big[i * 199]![0]);
  return cold.commit();
});
rows.push({
  name: "5k inserts + 5k deletes of 1M, cold",
  value: mixedSeconds * 1000,
  unit: "ms",
  note: `${mixedCalls.toLocaleString("en-US")} hashes`,
});

// 5. Read proofs of 1,000 keys from the 1M trie (best of 3).
const proofKeys = Array.from({ length: 1_000 }, (_, i) => big[i * 997]![0]);
let proof: Uint8Array[] = [];
let generateS = Number.POSITIVE_INFINITY;
let verifyS = Number.POSITIVE_INFINITY;
for (let run = 0; run < 3; run++) {
  const [p, g] = timed(() => generateProof(store, current, proofKeys));
  const [, v] = timed(() => verifyProof(current, p, proofKeys));
  [proof, generateS, verifyS] = [p, Math.min(generateS, g), Math.min(verifyS, v)];
}
rows.push({
  name: "generate a proof of 1,000 keys",
  value: generateS * 1000,
  unit: "ms",
  note: `${proof.length.toLocaleString("en-US")} nodes, ${proof.reduce((n, p) => n + p.length, 0).toLocaleString("en-US")} bytes`,
});
rows.push({ name: "verify that proof", value: verifyS * 1000, unit: "ms" });
if (Buffer.compare(EMPTY_TRIE_ROOT, trieRoot([], 1)) !== 0) throw new Error("empty root");
rows.push({ name: "memory in use at the end", value: mib(), unit: "MiB", note: "heap + ArrayBuffers" });

report("trie", rows);
