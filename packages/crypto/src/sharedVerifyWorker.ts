/**
 * Worker side of SharedVerifier: for each job, claims checks from the first one up, `AHEAD` of
 * the check the main thread last asked for, and writes each verdict into the job's shared status
 * words, waking a main thread that waits for it.
 */
import { parentPort } from "node:worker_threads";
import { unpackChecks } from "./batchCodec.ts";
import { initCrypto } from "./init.ts";
import {
  AHEAD,
  CLAIMED,
  CONTROL_WORDS,
  CURSOR,
  INVALID,
  MAIN,
  PENDING,
  type SharedJobMessage,
  VALID,
} from "./sharedVerifier.ts";
import { verifySignature } from "./verify.ts";

const port = parentPort;
if (port === null) throw new Error("sharedVerifyWorker.ts runs only as a worker thread of SharedVerifier");
const ready = initCrypto();

port.on("message", async ({ control, checks }: SharedJobMessage) => {
  await ready;
  const words = new Int32Array(control);
  const unpacked = unpackChecks(checks as unknown as ArrayBuffer);
  const n = unpacked.length;
  for (;;) {
    const next = Atomics.load(words, CURSOR);
    // Checks the main thread is about to ask for are its own: skipped, not waited for.
    // (None until it asks: a block queued behind the one executing is all the workers'.)
    const main = Atomics.load(words, MAIN);
    const i = main < 0 ? next : Math.max(next, main + AHEAD);
    if (i >= n) return;
    // Another worker (or a cancel) moved the cursor first: look again.
    if (Atomics.compareExchange(words, CURSOR, next, i + 1) !== next) continue;
    const at = CONTROL_WORDS + i;
    // The main thread may have taken it already.
    if (Atomics.compareExchange(words, at, PENDING, CLAIMED) !== PENDING) continue;
    const check = unpacked[i];
    const ok = check !== undefined && verifySignature(check);
    Atomics.store(words, at, ok ? VALID : INVALID);
    Atomics.notify(words, at);
  }
});
