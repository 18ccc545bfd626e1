/**
 * A SharedVerifier worker that dies holding a claim (for tests): it claims the last check of the
 * first job it gets, then exits without a verdict.
 */
import { parentPort } from "node:worker_threads";
import { CLAIMED, CONTROL_WORDS, CURSOR, PENDING, type SharedJobMessage } from "./sharedVerifier.ts";

parentPort?.on("message", ({ control }: SharedJobMessage) => {
  const words = new Int32Array(control);
  const i = Atomics.sub(words, CURSOR, 1) - 1;
  if (i >= 0) Atomics.compareExchange(words, CONTROL_WORDS + i, PENDING, CLAIMED);
  process.exit(3);
});
