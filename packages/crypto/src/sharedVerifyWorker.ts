/**
 * Worker side of SharedVerifier: for each job, claims checks from the last one down and writes
 * each verdict into the job's shared status words, waking a main thread that waits for it.
 */
import { parentPort } from "node:worker_threads";
import { unpackChecks } from "./batchCodec.ts";
import { initCrypto } from "./init.ts";
import {
  CLAIMED,
  CONTROL_WORDS,
  CURSOR,
  INVALID,
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
  for (;;) {
    const i = Atomics.sub(words, CURSOR, 1) - 1;
    if (i < 0) return;
    const at = CONTROL_WORDS + i;
    // The main thread may have taken it already.
    if (Atomics.compareExchange(words, at, PENDING, CLAIMED) !== PENDING) continue;
    const check = unpacked[i];
    const ok = check !== undefined && verifySignature(check);
    Atomics.store(words, at, ok ? VALID : INVALID);
    Atomics.notify(words, at);
  }
});
