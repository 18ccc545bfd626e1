import { concatBytes, toHex, utf8Bytes } from "@canary/primitives";
import { vrfSign as wasmVrfSign, vrfVerify as wasmVrfVerify } from "@polkadot/wasm-crypto";
import { __tests as scure, vrf as scureVrf } from "@scure/sr25519";
import { beforeAll, describe, expect, it } from "vitest";
import { randomFrom } from "../../../../test/support/seeded.ts";
import { initCrypto } from "../init.ts";
import { sr25519KeypairFromSeed } from "../sr25519.ts";
import { label, Transcript } from "./merlin.ts";
import { attachInputHash, makeBytes, vrfSignTranscript, vrfVerifyTranscript } from "./schnorrkelVrf.ts";

beforeAll(async () => {
  await initCrypto();
});

/** schnorrkel's `signing_context(ctx).bytes(msg)`, the transcript wasm-crypto's VRF uses. */
function signingContext(ctx: Uint8Array, msg: Uint8Array): Transcript {
  const t = new Transcript(label("SigningContext"));
  t.appendMessage(new Uint8Array(0), ctx);
  t.appendMessage(label("sign-bytes"), msg);
  return t;
}

/** The extra transcript wasm-crypto builds: `Transcript("VRF")`, plus `("", extra)` when non-empty. */
function extraTranscript(extra: Uint8Array): Transcript {
  const t = new Transcript(label("VRF"));
  if (extra.length > 0) t.appendMessage(new Uint8Array(0), extra);
  return t;
}

describe("Merlin", () => {
  // merlin's own conformance vectors (transcript.rs tests, also curve25519-voi).
  it("matches the published simple transcript vector", () => {
    const t = new Transcript(label("test protocol"));
    t.appendMessage(label("some label"), label("some data"));
    expect(toHex(t.challengeBytes(label("challenge"), 32))).toBe(
      "0xd5a21972d0d5fe320c0d263fac7fffb8145aa640af6e9bca177c03c7efcf0615",
    );
  });

  it("matches the published complex transcript vector (multi-block absorb and squeeze)", () => {
    const t = new Transcript(label("test protocol"));
    t.appendMessage(label("step1"), label("some data"));
    const data = new Uint8Array(1024).fill(0x63);
    let challenge: Uint8Array = new Uint8Array(0);
    for (let i = 0; i < 32; i++) {
      challenge = t.challengeBytes(label("challenge"), 32);
      t.appendMessage(label("bigdata"), data);
      t.appendMessage(label("challengedata"), challenge);
    }
    expect(toHex(challenge)).toBe("0xa8c933f54fae76e3f9bea93648c1308e7dfa2152dd51674ff3ca438351cf003c");
  });

  it("agrees with @scure/sr25519's Merlin on random transcripts", () => {
    const random = randomFrom(11);
    for (let i = 0; i < 20; i++) {
      const app = random.bytes(i);
      const ours = new Transcript(app);
      const theirs = new scure.Merlin(app);
      for (let j = 0; j < 5; j++) {
        const [l, m] = [random.bytes(j * 3), random.bytes(i * 17 + j * 40)];
        ours.appendMessage(l, m);
        theirs.appendMessage(l, m);
      }
      expect(toHex(ours.challengeBytes(label("c"), 10 + i * 9))).toBe(
        toHex(theirs.challengeBytes("c", 10 + i * 9)),
      );
    }
  });
});

describe("schnorrkel VRF over a Merlin transcript", () => {
  const random = randomFrom(5);
  const cases = Array.from({ length: 6 }, (_, i) => ({
    seed: random.bytes(32),
    ctx: random.bytes(i * 3),
    msg: random.bytes(i * 31),
    extra: i % 2 === 0 ? new Uint8Array(0) : random.bytes(i * 5),
  }));

  it("verifies schnorrkel's own signatures (wasm-crypto) and gives schnorrkel's pre-output", () => {
    for (const { seed, ctx, msg, extra } of cases) {
      const pair = sr25519KeypairFromSeed(seed);
      const theirs = wasmVrfSign(pair.secretKey, ctx, msg, extra);
      const signature = { preOutput: theirs.slice(0, 32), proof: theirs.slice(32) };
      expect(
        vrfVerifyTranscript(pair.publicKey, signingContext(ctx, msg), signature, extraTranscript(extra)),
      ).toBeDefined();
      const ours = vrfSignTranscript(pair.secretKey, pair.publicKey, signingContext(ctx, msg), {
        extra: extraTranscript(extra),
      });
      // The pre-output is deterministic: sk · H(transcript, pk).
      expect(toHex(ours.signature.preOutput)).toBe(toHex(signature.preOutput));
    }
  });

  it("produces signatures schnorrkel (wasm-crypto) and @scure/sr25519 accept", () => {
    for (const { seed, ctx, msg, extra } of cases) {
      const pair = sr25519KeypairFromSeed(seed);
      const { signature } = vrfSignTranscript(pair.secretKey, pair.publicKey, signingContext(ctx, msg), {
        extra: extraTranscript(extra),
      });
      const joined = concatBytes(signature.preOutput, signature.proof);
      expect(wasmVrfVerify(pair.publicKey, ctx, msg, extra, joined)).toBe(true);
      expect(scureVrf.verify(msg, joined, pair.publicKey, ctx, extra)).toBe(true);
    }
  });

  it("is deterministic given the witness randomness", () => {
    const pair = sr25519KeypairFromSeed(new Uint8Array(32).fill(1));
    const t = new Transcript(label("test"));
    const rnd = new Uint8Array(32).fill(9);
    const a = vrfSignTranscript(pair.secretKey, pair.publicKey, t, { random: rnd });
    const b = vrfSignTranscript(pair.secretKey, pair.publicKey, t, { random: rnd });
    expect(toHex(a.signature.proof)).toBe(toHex(b.signature.proof));
    const c = vrfSignTranscript(pair.secretKey, pair.publicKey, t, { random: new Uint8Array(32).fill(8) });
    expect(toHex(c.signature.proof)).not.toBe(toHex(a.signature.proof));
    expect(toHex(c.signature.preOutput)).toBe(toHex(a.signature.preOutput));
  });

  it("make_bytes depends on context, input and output, and needs no proof", () => {
    const pair = sr25519KeypairFromSeed(new Uint8Array(32).fill(2));
    const t = new Transcript(label("test"));
    const { signature, inOut } = vrfSignTranscript(pair.secretKey, pair.publicKey, t);
    const attached = attachInputHash(pair.publicKey, t, signature.preOutput);
    expect(attached).toEqual(inOut);
    const a = makeBytes(inOut, utf8Bytes("ctx-a"), 32);
    expect(a.length).toBe(32);
    expect(toHex(makeBytes(inOut, utf8Bytes("ctx-a"), 32))).toBe(toHex(a));
    expect(toHex(makeBytes(inOut, utf8Bytes("ctx-b"), 32))).not.toBe(toHex(a));
    // A shorter output is not a prefix: the length is part of the transcript.
    expect(toHex(makeBytes(inOut, utf8Bytes("ctx-a"), 16))).not.toBe(toHex(a.slice(0, 16)));
  });

  it("refuses malformed points and non-canonical scalars without throwing", () => {
    const pair = sr25519KeypairFromSeed(new Uint8Array(32).fill(3));
    const t = new Transcript(label("test"));
    const { signature } = vrfSignTranscript(pair.secretKey, pair.publicKey, t);
    const bad = new Uint8Array(32).fill(0xff);
    expect(vrfVerifyTranscript(bad, t, signature)).toBeUndefined();
    expect(vrfVerifyTranscript(pair.publicKey, t, { ...signature, preOutput: bad })).toBeUndefined();
    expect(
      vrfVerifyTranscript(pair.publicKey, t, { ...signature, preOutput: new Uint8Array(32) }),
    ).toBeUndefined();
    const highS = signature.proof.slice();
    highS.fill(0xff, 32);
    expect(vrfVerifyTranscript(pair.publicKey, t, { ...signature, proof: highS })).toBeUndefined();
    expect(
      vrfVerifyTranscript(pair.publicKey, t, { ...signature, proof: signature.proof.slice(0, 63) }),
    ).toBeUndefined();
    expect(vrfVerifyTranscript(pair.publicKey, t, undefined as never)).toBeUndefined();
  });
});
