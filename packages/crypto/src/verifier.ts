/**
 * Checks batches of signatures on worker threads (DESIGN.md §6: signatures are verified in
 * parallel ahead of execution). A batch is split into at most one chunk per worker, and each chunk
 * travels as one transferred buffer. With `workers: 0` the same interface verifies on this thread.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { packChecks } from "./batchCodec.ts";
import { CryptoError } from "./errors.ts";
import { initCrypto } from "./init.ts";
import { type SignatureCheck, verifySignature } from "./verify.ts";
import type { VerifyRequest, VerifyResponse } from "./verifyWorker.ts";

export interface SignatureVerifierOptions {
  /** Worker threads to start; 0 verifies on the calling thread. Default: cores − 1, at least 1. */
  readonly workers?: number;
}

/** Below this many checks per chunk, splitting costs more in messaging than it saves. */
const MIN_CHUNK = 16;

interface Pending {
  resolve(verdicts: Uint8Array): void;
  reject(error: Error): void;
}

interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
}

export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** A pool's worker count: the option given (a whole number ≥ 0), or the default. */
export function workerCount(option: number | undefined): number {
  const workers = option ?? defaultWorkerCount();
  if (!Number.isInteger(workers) || workers < 0) {
    throw new CryptoError("CRYPTO_BAD_INPUT", `workers must be a whole number ≥ 0, got ${workers}`);
  }
  return workers;
}

/** The parent's Node flags minus `--input-type` (from `node -e`), which would stop the worker file loading. */
export function workerFlags(): string[] {
  const flags: string[] = [];
  const parent = process.execArgv;
  for (let i = 0; i < parent.length; i++) {
    if (parent[i] === "--input-type")
      i++; // its value is the next argument
    else if (!parent[i]!.startsWith("--input-type=")) flags.push(parent[i]!);
  }
  return flags;
}

export class SignatureVerifier {
  /** Worker threads in the pool; 0 in single-thread mode. */
  readonly workers: number;
  readonly #slots: Slot[] = [];
  #closed = false;
  #failure: CryptoError | undefined;
  #nextId = 0;
  #cursor = 0;

  constructor(options: SignatureVerifierOptions = {}) {
    const workers = workerCount(options.workers);
    this.workers = workers;
    for (let i = 0; i < workers; i++) this.#slots.push(this.#spawn());
  }

  /** One verdict per check, in order. Malformed checks are false; only a closed or broken pool throws. */
  async verify(checks: readonly SignatureCheck[]): Promise<boolean[]> {
    if (this.#closed) {
      throw new CryptoError(
        "VERIFIER_CLOSED",
        "this SignatureVerifier was closed; create a new one to verify more",
      );
    }
    if (this.#failure !== undefined) throw this.#failure;
    if (!Array.isArray(checks))
      throw new CryptoError("CRYPTO_BAD_INPUT", "verify takes an array of signature checks");
    if (checks.length === 0) return [];
    if (this.#slots.length === 0) {
      await initCrypto();
      return checks.map(verifySignature);
    }
    const chunks = Math.min(this.#slots.length, Math.ceil(checks.length / MIN_CHUNK));
    const size = Math.ceil(checks.length / chunks);
    const parts: Promise<Uint8Array>[] = [];
    for (let start = 0; start < checks.length; start += size) {
      const slot = this.#slots[this.#cursor++ % this.#slots.length]!;
      parts.push(this.#send(slot, packChecks(checks, start, Math.min(start + size, checks.length))));
    }
    const verdicts = await Promise.all(parts);
    const out: boolean[] = [];
    for (const part of verdicts) for (const v of part) out.push(v === 1);
    return out;
  }

  /** Stops the workers. Batches still in flight are rejected with VERIFIER_CLOSED. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const error = new CryptoError(
      "VERIFIER_CLOSED",
      "the SignatureVerifier was closed while this batch was in flight",
    );
    for (const slot of this.#slots) this.#rejectAll(slot, error);
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
  }

  #spawn(): Slot {
    const worker = new Worker(new URL("./verifyWorker.ts", import.meta.url), { execArgv: workerFlags() });
    const slot: Slot = { worker, pending: new Map() };
    worker.on("message", (response: VerifyResponse) => {
      const pending = slot.pending.get(response.id);
      if (pending === undefined) return;
      slot.pending.delete(response.id);
      if (slot.pending.size === 0) worker.unref();
      if ("error" in response) {
        pending.reject(
          new CryptoError("VERIFIER_WORKER_FAILED", `a verifier worker failed: ${response.error}`),
        );
      } else {
        pending.resolve(response.verdicts);
      }
    });
    worker.on("error", (cause) => this.#fail(cause));
    worker.on("exit", (code) => {
      if (!this.#closed) this.#fail(new Error(`worker exited with code ${code}`));
    });
    // An idle pool must not keep the process alive. After the listeners: adding one re-refs the port.
    worker.unref();
    return slot;
  }

  #send(slot: Slot, batch: ArrayBuffer): Promise<Uint8Array> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (slot.pending.size === 0) slot.worker.ref(); // keep the process alive until the answer arrives
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, batch } satisfies VerifyRequest, [batch]);
    });
  }

  /** A worker that dies takes the pool with it: later batches fail fast instead of hanging. */
  #fail(cause: unknown): void {
    if (this.#closed || this.#failure !== undefined) return;
    this.#failure = new CryptoError(
      "VERIFIER_WORKER_FAILED",
      `a signature verifier worker stopped (${cause instanceof Error ? cause.message : String(cause)}); close this SignatureVerifier and create a new one. Workers load verifyWorker.ts directly: that needs Node ≥ 22.18 (TypeScript type stripping) and no flags that stop a worker loading a file`,
      { cause },
    );
    for (const slot of this.#slots) this.#rejectAll(slot, this.#failure);
    for (const slot of this.#slots) void slot.worker.terminate();
  }

  #rejectAll(slot: Slot, error: Error): void {
    for (const pending of slot.pending.values()) pending.reject(error);
    slot.pending.clear();
  }
}
