/**
 * Signature checks verified on worker threads *while* the main thread executes (issue 14). A
 * runtime's verification calls are synchronous, and messages from workers cannot arrive while the
 * main thread runs, so verdicts travel through shared memory instead: each check has a status word
 * the workers and the main thread claim with Atomics. The main thread asks for checks from the
 * first one up, as the block's extrinsics are applied, and verifies a check itself when no worker
 * has taken it. Workers take checks in the same order but keep `AHEAD` checks in front of the
 * main thread, skipping those it is about to ask for: it verifies those itself instead of waiting
 * for a worker to finish them. A worker claims a run of checks at a time and verifies the run's
 * sr25519 signatures as one batch (sr25519Batch.ts, decision 0008), several times faster than one
 * by one. So the work splits itself between them as their speeds allow, and
 * nobody waits idle (taken from the last one down, as before, the main thread verified everything
 * up to where it met the workers and then executed alone while they idled: 2,000 of 5,000 checks).
 *
 * A job's verdicts answer only for a check whose signature, message and key all match; anything
 * else is the caller's to verify, so a job can save time but never change a verdict.
 */
import { Worker } from "node:worker_threads";
import { bytesEqual } from "@canary/primitives";
import { packChecks } from "./batchCodec.ts";
import type { Scheme } from "./keypair.ts";
import { workerCount, workerFlags } from "./verifier.ts";
import { type SignatureCheck, verifySignature } from "./verify.ts";

/** Status words of a job's checks. */
export const PENDING = 0;
export const CLAIMED = 1;
export const VALID = 2;
export const INVALID = 3;

/** Control words ahead of the status words: the next check the workers may take (counts up)... */
export const CURSOR = 0;
/** ...and the last check the main thread asked for (-1 before it asks). */
export const MAIN = 1;
export const CONTROL_WORDS = 2;
/**
 * How far ahead of the main thread workers take checks: about a verification's time in executed
 * transfers (~0.3 ms against ~0.1–0.2 ms each), so that a check a worker took is done when asked.
 */
export const AHEAD = 4;

/**
 * Checks a worker claims at once when it verifies sr25519 in batches: the first claim of a job is
 * small, since the main thread may soon wait for it; each next one doubles, up to the largest
 * (a batch of 128 costs ~1/5 of 128 single checks; larger ones gain little more).
 */
export const FIRST_CLAIM = 16;
export const MAX_CLAIM = 128;

/** How long the main thread waits for a worker's claimed check before verifying it itself. */
const CLAIM_TIMEOUT_MS = 2_000;

export interface SharedJobMessage {
  readonly control: SharedArrayBuffer;
  readonly checks: SharedArrayBuffer;
  /** Whether workers verify sr25519 signatures in batches (otherwise one by one). */
  readonly batch: boolean;
}

export interface SharedVerifierOptions {
  /** Worker threads; 0 makes every job's checks the main thread's own. Default: cores − 1, at least 1. */
  readonly workers?: number;
  /** The workers' script (tests give one that fails); default sharedVerifyWorker.ts. */
  readonly workerScript?: URL;
  /** Workers verify sr25519 signatures in batches (sr25519Batch.ts); default true. */
  readonly batch?: boolean;
}

const utf16 = (bytes: Uint8Array): string => {
  let out = "";
  for (let i = 0; i < bytes.length; i += 4096)
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096) as unknown as number[]);
  return out;
};

/** The verdicts of one batch of checks, filled in by workers and by whoever asks first. */
export class SharedVerdicts {
  readonly #checks: readonly SignatureCheck[];
  readonly #status: Int32Array;
  readonly #cursor: Int32Array;
  readonly #bySignature = new Map<string, number>();
  #inline = 0;

  constructor(checks: readonly SignatureCheck[], control: SharedArrayBuffer) {
    this.#checks = checks;
    this.#status = new Int32Array(control, 4 * CONTROL_WORDS, checks.length);
    this.#cursor = new Int32Array(control, 0, CONTROL_WORDS);
    checks.forEach((check, i) => {
      const id = utf16(check.signature);
      if (!this.#bySignature.has(id)) this.#bySignature.set(id, i);
    });
  }

  get size(): number {
    return this.#checks.length;
  }

  /** Checks with no verdict yet (pending, or claimed by a worker). */
  remaining(): number {
    let n = 0;
    for (let i = 0; i < this.#checks.length; i++) if (Atomics.load(this.#status, i) < VALID) n++;
    return n;
  }

  /** Checks the main thread verified itself (no worker had reached them). */
  get verifiedInline(): number {
    return this.#inline;
  }

  /** Check `i`'s verdict, verifying it here if no worker has claimed it. */
  verdict(i: number): boolean {
    const status = this.#status;
    Atomics.store(this.#cursor, MAIN, i);
    let s = Atomics.load(status, i);
    if (s === PENDING && Atomics.compareExchange(status, i, PENDING, CLAIMED) === PENDING) {
      const ok = verifySignature(this.#checks[i]!);
      Atomics.store(status, i, ok ? VALID : INVALID);
      this.#inline++;
      return ok;
    }
    const deadline = Date.now() + CLAIM_TIMEOUT_MS;
    while (s === CLAIMED) {
      Atomics.wait(status, i, CLAIMED, 50);
      s = Atomics.load(status, i);
      // A worker that stopped holding a claim: verify here rather than stall the import.
      if (s === CLAIMED && Date.now() > deadline) {
        this.#inline++;
        return verifySignature(this.#checks[i]!);
      }
    }
    return s === VALID;
  }

  /**
   * Whether this job holds exactly this check (scheme too, when given) and it is valid
   * (NodeHost's VerifiedSignatures).
   * False for a check the job does not hold, so the caller verifies it.
   */
  has(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array, scheme?: Scheme): boolean {
    const i = this.#bySignature.get(utf16(signature));
    if (i === undefined) return false;
    const check = this.#checks[i]!;
    if (scheme !== undefined && check.scheme !== scheme) return false;
    if (!bytesEqual(check.message, message) || !bytesEqual(check.publicKey, publicKey)) return false;
    return this.verdict(i);
  }

  /**
   * Workers take no more of this job's checks (those they hold are finished): for checks nobody
   * will ask about, such as a refused block's or those after a full block. Verdicts still come,
   * from the main thread.
   */
  cancel(): void {
    Atomics.store(this.#cursor, CURSOR, this.#checks.length);
  }

  /** Every verdict, in order (verifying here whatever no worker took). */
  all(): boolean[] {
    return this.#checks.map((_, i) => this.verdict(i));
  }
}

export class SharedVerifier {
  readonly workers: number;
  readonly #pool: Worker[] = [];
  readonly #script: URL;
  readonly #batch: boolean;
  #broken: Error | undefined;
  #closed = false;

  constructor(options: SharedVerifierOptions = {}) {
    const workers = workerCount(options.workers);
    this.workers = workers;
    this.#script = options.workerScript ?? new URL("./sharedVerifyWorker.ts", import.meta.url);
    this.#batch = options.batch ?? true;
    for (let i = 0; i < workers; i++) this.#pool.push(this.#spawn());
  }

  /** Whether workers take part (false once closed, or after a worker failed). */
  get parallel(): boolean {
    return !this.#closed && this.#broken === undefined && this.#pool.length > 0;
  }

  /**
   * Starts verifying `checks` on the workers and returns their verdicts at once; asking for a
   * verdict never throws and never waits long. Malformed checks are invalid.
   */
  start(checks: readonly SignatureCheck[]): SharedVerdicts {
    const control = new SharedArrayBuffer(4 * (CONTROL_WORDS + checks.length));
    new Int32Array(control)[MAIN] = -1;
    const verdicts = new SharedVerdicts(checks, control);
    if (checks.length > 0 && this.parallel) {
      const packed = packChecks(checks);
      const shared = new SharedArrayBuffer(packed.byteLength);
      new Uint8Array(shared).set(new Uint8Array(packed));
      const message: SharedJobMessage = { control, checks: shared, batch: this.#batch };
      for (const worker of this.#pool) worker.postMessage(message);
    }
    return verdicts;
  }

  /** Stops the workers; jobs in flight are finished by the main thread as it asks. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all(this.#pool.map((w) => w.terminate()));
  }

  #spawn(): Worker {
    const worker = new Worker(this.#script, {
      execArgv: workerFlags(),
    });
    const fail = (cause: unknown) => {
      if (this.#closed || this.#broken !== undefined) return;
      // Later jobs are verified on the main thread; checks a dead worker claimed time out there.
      this.#broken = cause instanceof Error ? cause : new Error(String(cause));
      for (const w of this.#pool) void w.terminate();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`a shared verifier worker exited with code ${code}`)));
    // An idle pool must not keep the process alive.
    worker.unref();
    return worker;
  }

  /** Why the workers stopped, if they did. */
  get failure(): Error | undefined {
    return this.#broken;
  }
}
