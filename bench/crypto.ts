// Signature verification and hashing throughput: single-thread primitives, the worker-pool verifier
// (ratio to one thread in the same run), and the Wasm hash backend against the pure-JS one.
import { availableParallelism } from "node:os";
import {
  defaultWorkerCount,
  ecdsaKeypairFromSeed,
  ed25519KeypairFromSeed,
  ed25519Verify,
  ed25519VerifyWasm,
  initCrypto,
  type Keypair,
  type SignatureCheck,
  SignatureVerifier,
  sign,
  sr25519KeypairFromSeed,
  sr25519Verify,
  verifySignature,
} from "@canary/crypto";
import { getHashBackend, type HashBackend, pureHashBackend } from "@canary/primitives";
import { blake2b as wasmCryptoBlake2b, twox as wasmCryptoTwox } from "@polkadot/wasm-crypto";
import { type BenchRow, opsPerSecond, report, timeMs } from "./report.ts";

const MESSAGE_BYTES = 120; // about a signed transfer's payload
const BATCH = 4000;
const ROUNDS = 3;

await initCrypto();
const rows: BenchRow[] = [];

function checksFor(makePair: (seed: Uint8Array) => Keypair, count: number): SignatureCheck[] {
  const pairs = Array.from({ length: 16 }, (_, i) => makePair(new Uint8Array(32).fill(i + 1)));
  return Array.from({ length: count }, (_, i) => {
    const pair = pairs[i % pairs.length]!;
    const message = new Uint8Array(MESSAGE_BYTES).map((_, j) => (i * 31 + j) & 0xff);
    return { scheme: pair.scheme, signature: sign(pair, message), message, publicKey: pair.publicKey };
  });
}

function singleThread(
  name: string,
  checks: SignatureCheck[],
  verify: (c: SignatureCheck) => boolean,
): number {
  let i = 0;
  const value = opsPerSecond(() => {
    if (!verify(checks[i++ % checks.length]!)) throw new Error(`${name}: a valid signature failed`);
  });
  rows.push({ name, value, unit: "verifications/s" });
  return value;
}

const sr = checksFor(sr25519KeypairFromSeed, BATCH);
const ed = checksFor(ed25519KeypairFromSeed, BATCH);
const ecdsa = checksFor(ecdsaKeypairFromSeed, 200);

const srOne = singleThread("sr25519 verify, 1 thread (wasm)", sr, (c) =>
  sr25519Verify(c.signature, c.message, c.publicKey),
);
const edOne = singleThread("ed25519 verify, 1 thread (node:crypto)", ed, (c) =>
  ed25519Verify(c.signature, c.message, c.publicKey),
);
singleThread("ed25519 verify, 1 thread (wasm, not used)", ed, (c) =>
  ed25519VerifyWasm(c.signature, c.message, c.publicKey),
);
singleThread("ecdsa verify, 1 thread (noble recover)", ecdsa, verifySignature);

// The node's default pool leaves one core to the main thread; "all cores" gives every core a worker.
for (const [poolLabel, workers] of [
  ["all cores", availableParallelism()],
  ["default pool", defaultWorkerCount()],
] as const) {
  const pool = new SignatureVerifier({ workers });
  await pool.verify(sr.slice(0, 64)); // start the workers before timing
  for (const [label, checks, one] of [
    ["sr25519", sr, srOne],
    ["ed25519", ed, edOne],
  ] as const) {
    await pool.verify(checks.slice(0, 256)); // warm the workers' JIT for this scheme
    let ms = 0;
    for (let r = 0; r < ROUNDS; r++) {
      ms += await timeMs(async () => {
        const verdicts = await pool.verify(checks);
        if (!verdicts.every(Boolean)) throw new Error(`${label}: the pool rejected a valid signature`);
      });
    }
    const value = (ROUNDS * checks.length * 1000) / ms;
    const note = `${pool.workers} worker(s) on ${availableParallelism()} cores, batches of ${checks.length}`;
    rows.push({ name: `${label} SignatureVerifier, ${poolLabel}`, value, unit: "verifications/s", note });
    rows.push({ name: `${label} SignatureVerifier ${poolLabel} / 1 thread`, value: value / one, unit: "x" });
  }
  await pool.close();
}

const wasm = getHashBackend();
// The binding the node used before its own module (packages/crypto/wasm/hash.c), for comparison.
const NO_KEY = new Uint8Array(0);
const wasmCrypto: HashBackend = {
  blake2b: (data, outLen) => wasmCryptoBlake2b(data, NO_KEY, outLen),
  twox: (data, outLen) => wasmCryptoTwox(data, outLen / 8),
  keccak256: (data) => data,
};
for (const size of [32, 80, 1024]) {
  const data = new Uint8Array(size).fill(7);
  for (const [label, backend] of [
    ["wasm, the node's", wasm],
    ["@polkadot/wasm-crypto", wasmCrypto],
    ["pure JS", pureHashBackend],
  ] as const) {
    const value = opsPerSecond(() => {
      for (let i = 0; i < 1000; i++) backend.blake2b(data, 32);
    }, 1000);
    rows.push({ name: `blake2-256 ${size} B (${label})`, value, unit: "hashes/s" });
  }
}
const key = new Uint8Array(32).fill(3);
for (const [label, backend] of [
  ["wasm, the node's", wasm],
  ["@polkadot/wasm-crypto", wasmCrypto],
  ["pure JS", pureHashBackend],
] as const) {
  const value = opsPerSecond(() => {
    for (let i = 0; i < 1000; i++) backend.twox(key, 16);
  }, 1000);
  rows.push({ name: `twox128 32 B (${label})`, value, unit: "hashes/s" });
}

report("crypto", rows);
