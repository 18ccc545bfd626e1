import { utf8Bytes } from "@canary/primitives";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ed25519KeypairFromSeed } from "./ed25519.ts";
import { initCrypto } from "./init.ts";
import { CLAIMED, CONTROL_WORDS, SharedVerdicts, SharedVerifier } from "./sharedVerifier.ts";
import { sr25519KeypairFromSeed } from "./sr25519.ts";
import { type SignatureCheck, sign } from "./verify.ts";

let checks: SignatureCheck[] = [];
const verifiers: SharedVerifier[] = [];
const BAD = [0, 57, 119]; // first, middle, last

function pool(workers: number): SharedVerifier {
  const v = new SharedVerifier({ workers });
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
    // Asked after the workers had time: they did the work.
    const later = v.start(checks);
    await new Promise((r) => setTimeout(r, 1500));
    expect(later.all()).toEqual(expected());
    expect(later.verifiedInline).toBe(0);
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

  it("refuses a bad worker count", () => {
    expect(() => new SharedVerifier({ workers: -1 })).toThrow(/whole number/);
  });
});
