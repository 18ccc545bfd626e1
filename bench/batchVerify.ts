// Batch verification (issue 14, deliverable 4): does checking a block's signatures as one batch
// beat checking them one by one with what the node uses now (packages/crypto: sr25519 through
// @polkadot/wasm-crypto, ed25519 through node:crypto)? Measured in the same run, one thread:
// - sr25519 and ed25519 batch equations (one multi-scalar multiplication over 2n+1 points with
//   random 128-bit weights, as schnorrkel's `verify_batch` and ed25519-dalek's `verify_batch`) in
//   pure JS on @noble/curves (its Pippenger `pippenger`): no installable package offers either
//   batch in Wasm or native code (docs/performance.md lists what was checked);
// - our own Wasm module (packages/crypto/wasm, the one the node adopts), in batches of several sizes;
// - @typeberry/native's `verify_ed25519_batch` (Wasm, ed25519-consensus), when installed: it is
//   the one npm package that names a batch, and it verifies one signature after another.
// A failed batch falls back to single verification for each signature's verdict; the last row
// times that case (one bad signature in the batch).
// Usage: node bench/batchVerify.ts [signaturesPerBatch=1000]
import { createHash, randomBytes } from "node:crypto";
import {
  ed25519KeypairFromSeed,
  ed25519Sign,
  ed25519Verify,
  initCrypto,
  sr25519KeypairFromSeed,
  sr25519Sign,
  sr25519Verify,
  sr25519VerifyEach,
  sr25519VerifyBatch as wasmBatch,
} from "@canary/crypto";
import { pippenger } from "@noble/curves/abstract/curve.js";
import { ed25519, ristretto255 } from "@noble/curves/ed25519.js";
import { label, Transcript } from "../packages/crypto/src/babe/merlin.ts";
import { type BenchRow, opsPerSecond, report } from "./report.ts";

const N = Number(process.argv[2] ?? 1000);
await initCrypto();

interface Check {
  signature: Uint8Array;
  message: Uint8Array;
  publicKey: Uint8Array;
}

const le = (bytes: Uint8Array): bigint => {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
};
/** A random nonzero 128-bit weight: a forged signature passes the batch with probability 2^-128. */
const weight = (): bigint => le(randomBytes(16)) | 1n;

// --- sr25519 (schnorrkel over ristretto255, signing context "substrate") ---
const Rist = ristretto255.Point;
const L = Rist.Fn.ORDER;
const SIGNING_CONTEXT = label("SigningContext");
const SUBSTRATE = label("substrate");

/** schnorrkel's challenge k = H(context, message, A, R) for one signature. */
function srChallenge(check: Check): bigint {
  const t = new Transcript(SIGNING_CONTEXT);
  t.appendMessage(new Uint8Array(0), SUBSTRATE);
  t.appendMessage(label("sign-bytes"), check.message);
  t.protoName(label("Schnorr-sig"));
  t.commitPoint(label("sign:pk"), check.publicKey);
  t.commitPoint(label("sign:R"), check.signature.subarray(0, 32));
  return le(t.challengeBytes(label("sign:c"), 64)) % L;
}

/** Σ zᵢsᵢ·B = Σ zᵢ·Rᵢ + Σ zᵢkᵢ·Aᵢ over the whole batch; false if any signature is malformed. */
function sr25519VerifyBatchJs(checks: Check[]): boolean {
  const points: InstanceType<typeof Rist>[] = [Rist.BASE];
  const scalars: bigint[] = [0n];
  let sum = 0n;
  try {
    for (const c of checks) {
      if ((c.signature[63]! & 0x80) === 0) return false; // schnorrkel's marker bit
      const sBytes = c.signature.slice(32);
      sBytes[31]! &= 0x7f;
      const s = le(sBytes);
      if (s >= L) return false;
      const z = weight();
      sum = (sum + z * s) % L;
      points.push(Rist.fromBytes(c.signature.subarray(0, 32)), Rist.fromBytes(c.publicKey));
      scalars.push(L - z, (L - ((z * srChallenge(c)) % L)) % L);
    }
  } catch {
    return false; // a point that does not decode
  }
  scalars[0] = sum;
  return pippenger(Rist, points, scalars).is0();
}

// --- ed25519 (RFC 8032 equation, cofactored for the batch as dalek's) ---
const Ed = ed25519.Point;
const EL = Ed.Fn.ORDER;

function ed25519VerifyBatch(checks: Check[]): boolean {
  const points: InstanceType<typeof Ed>[] = [Ed.BASE];
  const scalars: bigint[] = [0n];
  let sum = 0n;
  try {
    for (const c of checks) {
      const s = le(c.signature.subarray(32));
      if (s >= EL) return false;
      const k =
        le(
          createHash("sha512")
            .update(c.signature.subarray(0, 32))
            .update(c.publicKey)
            .update(c.message)
            .digest(),
        ) % EL;
      const z = weight();
      sum = (sum + z * s) % EL;
      points.push(Ed.fromBytes(c.signature.subarray(0, 32)), Ed.fromBytes(c.publicKey));
      scalars.push(EL - z, (EL - ((z * k) % EL)) % EL);
    }
  } catch {
    return false;
  }
  scalars[0] = sum;
  return pippenger(Ed, points, scalars).clearCofactor().is0();
}

/** Per-signature verdicts: the batch when it passes, else each signature checked on its own. */
function verdicts(checks: Check[], batch: (c: Check[]) => boolean, single: (c: Check) => boolean): boolean[] {
  return batch(checks) ? checks.map(() => true) : checks.map(single);
}

// --- the signatures: N distinct keys, 100-byte messages (a transfer's signing payload size) ---
function makeChecks(scheme: "sr25519" | "ed25519"): Check[] {
  return Array.from({ length: N }, (_, i) => {
    const seed = new Uint8Array(32);
    new DataView(seed.buffer).setUint32(0, i + 1);
    const message = randomBytes(100);
    const pair = scheme === "sr25519" ? sr25519KeypairFromSeed(seed) : ed25519KeypairFromSeed(seed);
    const signature = scheme === "sr25519" ? sr25519Sign(pair, message) : ed25519Sign(pair, message);
    return { signature, message, publicKey: pair.publicKey };
  });
}
const withOneBad = (checks: Check[]): Check[] =>
  checks.map((c, i) => (i === checks.length >> 1 ? { ...c, message: Uint8Array.of(...c.message, 0) } : c));

const srSingle = (c: Check) => sr25519Verify(c.signature, c.message, c.publicKey);
const edSingle = (c: Check) => ed25519Verify(c.signature, c.message, c.publicKey);

/** The batch must agree with single verification before it is timed. */
function assertAgrees(name: string, checks: Check[], batch: (c: Check[]) => boolean): void {
  if (!batch(checks)) throw new Error(`${name}: a batch of valid signatures failed`);
  const bad = withOneBad(checks);
  if (batch(bad)) throw new Error(`${name}: a batch with a bad signature passed`);
  const v = verdicts(bad, batch, name.startsWith("sr") ? srSingle : edSingle);
  if (v.filter((ok) => !ok).length !== 1) throw new Error(`${name}: fallback verdicts are wrong`);
}

const rows: BenchRow[] = [];
const rate = (op: () => void, perCall: number) => opsPerSecond(op, perCall, 2000);

const sr = makeChecks("sr25519");
assertAgrees("sr25519 batch", sr, sr25519VerifyBatchJs);
assertAgrees("sr25519 batch (Wasm)", sr, wasmBatch);
const srOne = rate(() => sr.forEach(srSingle), N);
rows.push({ name: "sr25519 single, wasm-crypto (the node's)", value: srOne, unit: "sig/s" });
const srBatch = rate(() => sr25519VerifyBatchJs(sr), N);
rows.push({
  name: `sr25519 batch of ${N}, pure JS (noble Pippenger)`,
  value: srBatch,
  unit: "sig/s",
  note: `${(srBatch / srOne).toFixed(2)}× single`,
});

// 256 is the module's largest batch: larger lists are verified as several batches.
for (const size of [16, 64, 128, 256]) {
  const v = rate(() => {
    for (let i = 0; i < N; i += size) wasmBatch(sr.slice(i, i + size));
  }, N);
  rows.push({
    name: `sr25519 batches of ${Math.min(size, N)}, packages/crypto/wasm (ours, adopted)`,
    value: v,
    unit: "sig/s",
    note: `${(v / srOne).toFixed(2)}× single`,
  });
}

const ed = makeChecks("ed25519");
assertAgrees("ed25519 batch", ed, ed25519VerifyBatch);
const edOne = rate(() => ed.forEach(edSingle), N);
rows.push({ name: "ed25519 single, node:crypto (the node's)", value: edOne, unit: "sig/s" });
const edBatch = rate(() => ed25519VerifyBatch(ed), N);
rows.push({
  name: `ed25519 batch of ${N}, pure JS (noble Pippenger)`,
  value: edBatch,
  unit: "sig/s",
  note: `${(edBatch / edOne).toFixed(2)}× single`,
});

// @typeberry/native is not a dependency (it is not adopted); `npm i --no-save @typeberry/native` to include it.
const typeberry = await import("@typeberry/native" as string).catch(() => undefined);
if (typeberry) {
  const lib = (typeberry.ed25519 ?? typeberry) as {
    default?: unknown;
    verify_ed25519_batch?: (data: Uint8Array) => boolean;
  };
  await typeberry.initAll?.();
  const packed = Buffer.concat(
    ed.map((c) => Buffer.concat([c.publicKey, c.signature, Uint8Array.of(c.message.length), c.message])),
  );
  const batch = lib.verify_ed25519_batch;
  if (batch?.(packed)) {
    const v = rate(() => batch(packed), N);
    rows.push({
      name: `ed25519 "batch" of ${N}, @typeberry/native (Wasm)`,
      value: v,
      unit: "sig/s",
      note: `${(v / edOne).toFixed(2)}× single; one signature after another, all-or-nothing`,
    });
  }
} else {
  console.log("@typeberry/native not installed: its row is left out");
}

// The failing case: one bad signature, the batch fails, every signature is checked on its own.
const srBad = withOneBad(sr);
const srFallback = rate(() => verdicts(srBad, sr25519VerifyBatchJs, srSingle), N);
rows.push({
  name: `sr25519 batch of ${N} with one bad signature, then singles (pure JS batch)`,
  value: srFallback,
  unit: "sig/s",
  note: `${(srFallback / srOne).toFixed(2)}× single`,
});

const wasmFallback = rate(() => sr25519VerifyEach(srBad), N);
rows.push({
  name: `sr25519 batch of ${N} with one bad signature, then singles (ours)`,
  value: wasmFallback,
  unit: "sig/s",
  note: `${(wasmFallback / srOne).toFixed(2)}× single`,
});

report("batchVerify", rows);
