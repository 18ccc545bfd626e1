/**
 * A SharedVerifier worker that dies holding a claim (for tests): it claims the first check of the
 * first job it gets, then exits without a verdict.
 */
import { parentPort } from "node:worker_threads";
import { CLAIMED, CONTROL_WORDS, CURSOR, PENDING, type SharedJobMessage } from "./sharedVerifier.ts";

parentPort?.on("message", ({ control }: SharedJobMessage) => {
  const words = new Int32Array(control);
  const i = Atomics.add(words, CURSOR, 1);
  Atomics.compareExchange(words, CONTROL_WORDS + i, PENDING, CLAIMED);
  process.exit(3);
});
