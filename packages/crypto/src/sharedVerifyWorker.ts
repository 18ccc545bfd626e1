/**
 * Worker side of SharedVerifier: for each job, claims runs of checks from the first one up,
 * `AHEAD` of the check the main thread last asked for, verifies a run's sr25519 signatures as one
 * batch, and writes each verdict into the job's shared status words, waking a main thread that
 * waits for it.
 */
import { parentPort } from "node:worker_threads";
import { unpackChecks } from "./batchCodec.ts";
import { initCrypto } from "./init.ts";
import {
  AHEAD,
  CLAIMED,
  CONTROL_WORDS,
  CURSOR,
  FIRST_CLAIM,
  INVALID,
  MAIN,
  MAX_CLAIM,
  PENDING,
  type SharedJobMessage,
  VALID,
} from "./sharedVerifier.ts";
import { sr25519VerifyEach } from "./sr25519Batch.ts";
import { type SignatureCheck, verifySignature } from "./verify.ts";

const port = parentPort;
if (port === null) throw new Error("sharedVerifyWorker.ts runs only as a worker thread of SharedVerifier");
const ready = initCrypto();

/** Each claimed check's verdict: sr25519 ones as one batch (when enabled), the others alone. */
function verdicts(checks: readonly (SignatureCheck | undefined)[], batch: boolean): boolean[] {
  const out = checks.map(() => false);
  const sr: number[] = [];
  checks.forEach((c, i) => {
    if (c === undefined) return;
    if (batch && c.scheme === "sr25519") sr.push(i);
    else out[i] = verifySignature(c);
  });
  const each = sr25519VerifyEach(sr.map((i) => checks[i]!));
  for (let k = 0; k < sr.length; k++) out[sr[k]!] = each[k]!;
  return out;
}

port.on("message", async ({ control, checks, batch }: SharedJobMessage) => {
  await ready;
  const words = new Int32Array(control);
  const unpacked = unpackChecks(checks as unknown as ArrayBuffer);
  const n = unpacked.length;
  // Claims grow from a small first batch (the main thread may soon wait for it) to the largest.
  let size = batch ? FIRST_CLAIM : 1;
  for (;;) {
    const next = Atomics.load(words, CURSOR);
    // Checks the main thread is about to ask for are its own: skipped, not waited for.
    // (None until it asks: a block queued behind the one executing is all the workers'.)
    const main = Atomics.load(words, MAIN);
    const i = main < 0 ? next : Math.max(next, main + AHEAD);
    if (i >= n) return;
    const end = Math.min(n, i + size);
    // Another worker (or a cancel) moved the cursor first: look again.
    if (Atomics.compareExchange(words, CURSOR, next, end) !== next) continue;
    // The main thread may have taken some already.
    const claimed: number[] = [];
    for (let j = i; j < end; j++) {
      if (Atomics.compareExchange(words, CONTROL_WORDS + j, PENDING, CLAIMED) === PENDING) claimed.push(j);
    }
    const ok = verdicts(
      claimed.map((j) => unpacked[j]),
      batch,
    );
    claimed.forEach((j, k) => {
      Atomics.store(words, CONTROL_WORDS + j, ok[k] ? VALID : INVALID);
      Atomics.notify(words, CONTROL_WORDS + j);
    });
    if (batch) size = Math.min(MAX_CLAIM, 2 * size);
  }
});
