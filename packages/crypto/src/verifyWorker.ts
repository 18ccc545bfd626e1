/** Worker side of SignatureVerifier: receives packed batches, answers one verdict byte per check. */
import { parentPort } from "node:worker_threads";
import { unpackChecks } from "./batchCodec.ts";
import { initCrypto } from "./init.ts";
import { verifySignature } from "./verify.ts";

export interface VerifyRequest {
  readonly id: number;
  readonly batch: ArrayBuffer;
}

export type VerifyResponse =
  | { readonly id: number; readonly verdicts: Uint8Array }
  | { readonly id: number; readonly error: string };

const port = parentPort;
if (port === null) throw new Error("verifyWorker.ts runs only as a worker thread of SignatureVerifier");
const ready = initCrypto();

port.on("message", async ({ id, batch }: VerifyRequest) => {
  try {
    await ready;
    const checks = unpackChecks(batch);
    const verdicts = new Uint8Array(checks.length);
    for (let i = 0; i < checks.length; i++) {
      const check = checks[i];
      verdicts[i] = check !== undefined && verifySignature(check) ? 1 : 0;
    }
    port.postMessage({ id, verdicts } satisfies VerifyResponse, [verdicts.buffer]);
  } catch (cause) {
    port.postMessage({
      id,
      error: cause instanceof Error ? cause.message : String(cause),
    } satisfies VerifyResponse);
  }
});
