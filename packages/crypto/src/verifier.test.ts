import { spawnSync } from "node:child_process";
import { utf8Bytes } from "@canary/primitives";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { seeded } from "../../../test/support/seeded.ts";
import { ecdsaKeypairFromSeed } from "./ecdsa.ts";
import { ed25519KeypairFromSeed } from "./ed25519.ts";
import { initCrypto } from "./init.ts";
import type { Keypair } from "./keypair.ts";
import { sr25519KeypairFromSeed } from "./sr25519.ts";
import { SignatureVerifier } from "./verifier.ts";
import { type SignatureCheck, sign } from "./verify.ts";

interface Case {
  readonly name: string;
  readonly check: SignatureCheck;
  readonly expected: boolean;
}

let pairs: Keypair[] = [];
let cases: Case[] = [];
const verifiers: SignatureVerifier[] = [];

function valid(pair: Keypair, message: Uint8Array): SignatureCheck {
  return { scheme: pair.scheme, signature: sign(pair, message), message, publicKey: pair.publicKey };
}

function flipped(bytes: Uint8Array, index: number): Uint8Array {
  const out = bytes.slice();
  out[index]! ^= 0x10;
  return out;
}

/** Every scheme: valid, wrong signature, wrong key, wrong message, garbage lengths. */
function buildCases(): Case[] {
  const out: Case[] = [];
  for (const [i, pair] of pairs.entries()) {
    const other = pairs[(i + 3) % pairs.length]!; // same scheme, other key
    const message = utf8Bytes(`message ${i}`);
    const ok = valid(pair, message);
    const s = pair.scheme;
    out.push(
      { name: `${s} valid`, check: ok, expected: true },
      { name: `${s} empty message`, check: valid(pair, new Uint8Array(0)), expected: true },
      {
        name: `${s} signature of another message`,
        check: { ...ok, signature: sign(pair, utf8Bytes("x")) },
        expected: false,
      },
      {
        name: `${s} tampered signature`,
        check: { ...ok, signature: flipped(ok.signature, 20) },
        expected: false,
      },
      { name: `${s} wrong key`, check: { ...ok, publicKey: other.publicKey }, expected: false },
      { name: `${s} wrong message`, check: { ...ok, message: utf8Bytes(`message ${i}!`) }, expected: false },
      {
        name: `${s} short signature`,
        check: { ...ok, signature: ok.signature.subarray(1) },
        expected: false,
      },
      {
        name: `${s} long key`,
        check: { ...ok, publicKey: new Uint8Array([...ok.publicKey, 0]) },
        expected: false,
      },
      {
        name: `${s} empty fields`,
        check: {
          scheme: s,
          signature: new Uint8Array(0),
          message: new Uint8Array(0),
          publicKey: new Uint8Array(0),
        },
        expected: false,
      },
      {
        name: `${s} random bytes`,
        check: { ...ok, signature: new Uint8Array(ok.signature.length).fill(0xa5) },
        expected: false,
      },
    );
  }
  const ed = pairs.find((p) => p.scheme === "ed25519")!;
  const edCheck = valid(ed, utf8Bytes("m"));
  out.push(
    { name: "ed25519 signature labelled sr25519", check: { ...edCheck, scheme: "sr25519" }, expected: false },
    { name: "unknown scheme", check: { ...edCheck, scheme: "rsa" as never }, expected: false },
    { name: "message not bytes", check: { ...edCheck, message: "m" as never }, expected: false },
    { name: "null entry", check: null as never, expected: false },
  );
  return out;
}

beforeAll(async () => {
  await initCrypto();
  const seeds = [1, 2, 3, 4, 5, 6].map((n) => new Uint8Array(32).fill(n));
  pairs = [
    ...seeds.slice(0, 2).map(sr25519KeypairFromSeed),
    ...seeds.slice(2, 4).map(ed25519KeypairFromSeed),
    ...seeds.slice(4, 6).map(ecdsaKeypairFromSeed),
  ];
  // Interleave schemes so `other` (i + 3) is another key of a different scheme half the time.
  pairs = [pairs[0]!, pairs[2]!, pairs[4]!, pairs[1]!, pairs[3]!, pairs[5]!];
  cases = buildCases();
});

// Each test closes its pools, so idle workers do not pile up on a small machine.
afterEach(async () => {
  await Promise.all(verifiers.splice(0).map((v) => v.close()));
});

function make(workers?: number): SignatureVerifier {
  const v = new SignatureVerifier(workers === undefined ? {} : { workers });
  verifiers.push(v);
  return v;
}

describe.each([
  ["default pool", undefined],
  ["two workers", 2],
  ["single thread", 0],
])("SignatureVerifier (%s)", (_, workers) => {
  it("gives exactly the right verdict for each of a mixed valid/invalid batch", async () => {
    const v = make(workers);
    const verdicts = await v.verify(cases.map((c) => c.check));
    expect(cases.map((c, i) => [c.name, verdicts[i]])).toEqual(cases.map((c) => [c.name, c.expected]));
  });

  it("keeps order across chunks of a large batch and across concurrent batches", async () => {
    const v = make(workers);
    const big = Array.from({ length: 7 }, () => cases).flat();
    const checks = (list: Case[]) => list.map((x) => x.check);
    const [a, b, c] = await Promise.all([
      v.verify(checks(big)),
      v.verify(checks(cases.slice(5))),
      v.verify(checks(big.slice(3, 40))),
    ]);
    expect(a).toEqual(big.map((x) => x.expected));
    expect(b).toEqual(cases.slice(5).map((x) => x.expected));
    expect(c).toEqual(big.slice(3, 40).map((x) => x.expected));
  });

  it("answers an empty batch with an empty array", async () => {
    expect(await make(workers).verify([])).toEqual([]);
  });

  it("refuses batches after close(), and close() is idempotent", async () => {
    const v = make(workers);
    await v.close();
    await v.close();
    await expect(v.verify(cases.map((c) => c.check))).rejects.toMatchObject({ code: "VERIFIER_CLOSED" });
    await expect(v.verify([])).rejects.toMatchObject({ code: "VERIFIER_CLOSED" });
  });
});

describe("SignatureVerifier on worker threads", () => {
  it("starts cores − 1 workers (at least one) by default", () => {
    expect(make().workers).toBeGreaterThanOrEqual(1);
  });

  it("gives the single-thread verdicts on random batches", async () => {
    const pool = make(2);
    const single = make(0);
    const rand = seeded().below;
    for (let round = 0; round < 5; round++) {
      const batch: SignatureCheck[] = [];
      const length = 1 + rand(120);
      for (let i = 0; i < length; i++) {
        const base = cases[rand(cases.length)]!.check;
        if (base === null || rand(3) > 0) {
          batch.push(base);
          continue;
        }
        const signature = base.signature.slice();
        if (signature.length > 0) signature[rand(signature.length)]! ^= 1 << rand(8);
        batch.push({ ...base, signature });
      }
      expect(await pool.verify(batch)).toEqual(await single.verify(batch));
    }
  });

  it("rejects a batch still in flight when closed", async () => {
    const v = make(1);
    const pending = v.verify(
      Array.from({ length: 20 }, () => cases)
        .flat()
        .map((c) => c.check),
    );
    const outcome = expect(pending).rejects.toMatchObject({ code: "VERIFIER_CLOSED" });
    await v.close();
    await outcome;
  });

  it("does not keep the process alive when idle and never closed", () => {
    const url = new URL("./verifier.ts", import.meta.url).href;
    const script = `import { SignatureVerifier } from ${JSON.stringify(url)};
      const v = new SignatureVerifier({ workers: 2 });
      await v.verify([{ scheme: "ed25519", signature: new Uint8Array(64), message: new Uint8Array(0), publicKey: new Uint8Array(32) }]);`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { timeout: 20_000 });
    expect([run.status, run.signal, String(run.stderr)]).toEqual([0, null, ""]);
  });

  it("rejects bad options and non-array input with typed errors", async () => {
    expect(() => new SignatureVerifier({ workers: -1 })).toThrow(
      expect.objectContaining({ code: "CRYPTO_BAD_INPUT" }),
    );
    expect(() => new SignatureVerifier({ workers: 1.5 })).toThrow(
      expect.objectContaining({ code: "CRYPTO_BAD_INPUT" }),
    );
    await expect(make(0).verify("nope" as never)).rejects.toMatchObject({ code: "CRYPTO_BAD_INPUT" });
  });
});
