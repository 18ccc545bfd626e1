import { Worker } from "node:worker_threads";
import { utf8Bytes } from "@canary/primitives";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "../../../test/support/until.ts";
import { packChecks } from "./batchCodec.ts";
import { ed25519KeypairFromSeed } from "./ed25519.ts";
import { initCrypto } from "./init.ts";
import {
  AHEAD,
  CLAIMED,
  CONTROL_WORDS,
  MAIN,
  PENDING,
  type SharedJobMessage,
  SharedVerdicts,
  SharedVerifier,
  VALID,
} from "./sharedVerifier.ts";
import { sr25519KeypairFromSeed } from "./sr25519.ts";
import { workerFlags } from "./verifier.ts";
import { type SignatureCheck, sign } from "./verify.ts";

let checks: SignatureCheck[] = [];
const verifiers: SharedVerifier[] = [];
const BAD = [0, 57, 58, 119]; // first, middle (ed25519 and sr25519), last

function pool(workers: number, batch = true): SharedVerifier {
  const v = new SharedVerifier({ workers, batch });
  verifiers.push(v);
  return v;
}

beforeAll(async () => {
  await initCrypto();
  checks = Array.from({ length: 120 }, (_, i) => {
    const seed = new Uint8Array(32).fill(i + 1);
    const pair = i % 3 === 0 ? ed25519KeypairFromSeed(seed) : sr25519KeypairFromSeed(seed);
    const message = utf8Bytes(`transfer ${i}`);
    const signature = sign(pair, message);
    if (BAD.includes(i)) signature[10]! ^= 1;
    return { scheme: pair.scheme, signature, message, publicKey: pair.publicKey };
  });
});

afterAll(async () => {
  await Promise.all(verifiers.map((v) => v.close()));
});

const expected = () => checks.map((_, i) => !BAD.includes(i));

describe("SharedVerifier", () => {
  it("gives every verdict, bad signatures first, middle and last included, workers and main thread racing", async () => {
    const v = pool(2);
    // Asked at once: the main thread takes what the workers have not reached.
    expect(v.start(checks).all()).toEqual(expected());
    // Asked after the workers were done: they did the work.
    const later = v.start(checks);
    await until("the workers verified every check", () => later.remaining() === 0);
    expect(later.all()).toEqual(expected());
    expect(later.verifiedInline).toBe(0);
  });

  it("gives the same verdicts with workers verifying sr25519 one by one and in batches with a bad one inside", async () => {
    for (const batch of [false, true]) {
      const later = pool(1, batch).start(checks);
      await until("the worker verified every check", () => later.remaining() === 0);
      expect(later.all(), `batch ${batch}`).toEqual(expected());
      expect(later.verifiedInline).toBe(0);
    }
  });

  it("answers `has` only for a check it holds with the same message and key", () => {
    const verdicts = pool(1).start(checks);
    const c = checks[5]!;
    expect(verdicts.has(c.signature, c.message, c.publicKey)).toBe(true);
    expect(verdicts.has(c.signature, utf8Bytes("other"), c.publicKey)).toBe(false);
    expect(verdicts.has(c.signature, c.message, checks[6]!.publicKey)).toBe(false);
    expect(verdicts.has(new Uint8Array(64), c.message, c.publicKey)).toBe(false);
    const bad = checks[57]!;
    expect(verdicts.has(bad.signature, bad.message, bad.publicKey)).toBe(false);
  });

  it("treats malformed checks as invalid, with and without workers", () => {
    const malformed = [
      { ...checks[1]!, signature: new Uint8Array(3) },
      { ...checks[2]!, scheme: "rsa" } as unknown as SignatureCheck,
      checks[4]!,
    ];
    for (const workers of [0, 1]) {
      expect(pool(workers).start(malformed).all()).toEqual([false, false, true]);
    }
  });

  it("without workers, or once closed, verifies on the main thread", async () => {
    const none = pool(0);
    expect(none.parallel).toBe(false);
    const verdicts = none.start(checks);
    expect(verdicts.all()).toEqual(expected());
    expect(verdicts.verifiedInline).toBe(checks.length);
    const closing = pool(2);
    const inFlight = closing.start(checks);
    await closing.close();
    expect(closing.parallel).toBe(false);
    expect(inFlight.all()).toEqual(expected());
    expect(closing.start(checks).all()).toEqual(expected());
  });

  it("verifies a check itself when the worker that claimed it never answers", () => {
    const control = new SharedArrayBuffer(4 * (CONTROL_WORDS + 2));
    new Int32Array(control)[CONTROL_WORDS] = CLAIMED; // a worker took check 0 and died
    const verdicts = new SharedVerdicts([checks[1]!, checks[0]!], control);
    const started = Date.now();
    expect(verdicts.all()).toEqual([true, false]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
  });

  it("answers `has` only for the scheme the check was made with, when asked with one", () => {
    const verdicts = pool(0).start(checks);
    const sr = checks[1]!; // i % 3 !== 0: sr25519
    const ed = checks[3]!; // ed25519
    expect(verdicts.has(sr.signature, sr.message, sr.publicKey, "sr25519")).toBe(true);
    expect(verdicts.has(sr.signature, sr.message, sr.publicKey, "ed25519")).toBe(false);
    expect(verdicts.has(ed.signature, ed.message, ed.publicKey, "ed25519")).toBe(true);
    expect(verdicts.has(ed.signature, ed.message, ed.publicKey, "sr25519")).toBe(false);
  });

  it("stops its workers taking a cancelled job's checks; its verdicts still come, from the main thread", async () => {
    const v = pool(1);
    const many = [...checks, ...checks, ...checks];
    const job = v.start(many);
    job.cancel();
    // The worker takes jobs in order: once it has done the next one, it is done with this one.
    const next = v.start(checks);
    await until("the worker verified the next job", () => next.remaining() === 0);
    expect(next.verifiedInline).toBe(0);
    // It took at most the check it held when the job was cancelled.
    expect(job.remaining()).toBeGreaterThanOrEqual(many.length - 1);
    expect(job.all()).toEqual([...expected(), ...expected(), ...expected()]);
    expect(job.remaining()).toBe(0);
    expect(job.verifiedInline).toBeGreaterThanOrEqual(many.length - 1);
  });

  it("survives a worker dying with a claim: that check is verified here, and later jobs on the main thread", async () => {
    const v = new SharedVerifier({
      workers: 1,
      workerScript: new URL("./sharedVerifyWorker.dying.fixture.ts", import.meta.url),
    });
    verifiers.push(v);
    const job = v.start(checks);
    // Wait until the worker is gone (its exit is an event: the main thread must be free to see it).
    await until("the worker died", () => v.failure !== undefined);
    expect(v.failure?.message).toMatch(/exited with code 3/);
    expect(v.parallel).toBe(false);
    const started = Date.now();
    expect(job.all()).toEqual(expected()); // the last check was claimed and never answered
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    const later = v.start(checks);
    expect(later.all()).toEqual(expected());
    expect(later.verifiedInline).toBe(checks.length);
  });

  it("keeps its workers ahead of the main thread: the checks it is about to ask for are left to it", async () => {
    const asked = 40; // as if the main thread had just asked for check 40
    const control = new SharedArrayBuffer(4 * (CONTROL_WORDS + checks.length));
    const words = new Int32Array(control);
    words[MAIN] = asked;
    const packed = new Uint8Array(packChecks(checks));
    const shared = new SharedArrayBuffer(packed.byteLength);
    new Uint8Array(shared).set(packed);
    const worker = new Worker(new URL("./sharedVerifyWorker.ts", import.meta.url), {
      execArgv: workerFlags(),
    });
    try {
      worker.postMessage({ control, checks: shared, batch: true } satisfies SharedJobMessage);
      const status = (i: number) => Atomics.load(words, CONTROL_WORDS + i);
      await until("the worker verified every check it may take", () =>
        checks.every((_, i) => i < asked + AHEAD || status(i) >= VALID),
      );
      // Those before the main thread's next few are untouched: they are its own to verify.
      expect(checks.map((_, i) => status(i)).slice(0, asked + AHEAD)).toEqual(
        new Array(asked + AHEAD).fill(PENDING),
      );
      const verdicts = new SharedVerdicts(checks, control);
      expect(verdicts.all()).toEqual(expected());
      expect(verdicts.verifiedInline).toBe(asked + AHEAD);
    } finally {
      await worker.terminate();
    }
  });

  it("refuses a bad worker count", () => {
    expect(() => new SharedVerifier({ workers: -1 })).toThrow(/whole number/);
  });
});
