import { concatBytes, toHex } from "@canary/primitives";
import { __tests as scure } from "@scure/sr25519";
import { beforeAll, describe, expect, it } from "vitest";
import { randomFrom } from "../../../../test/support/seeded.ts";
import { ed25519KeypairFromSeed } from "../ed25519.ts";
import { BabeError } from "../errors.ts";
import { initCrypto } from "../init.ts";
import { sr25519KeypairFromSeed } from "../sr25519.ts";
import { label, u64le } from "./merlin.ts";
import {
  AUTHORING_SCORE_VRF_CONTEXT,
  babeClaimValue,
  babeVrfInOut,
  babeVrfRandomness,
  babeVrfSign,
  babeVrfTranscript,
  babeVrfVerify,
  RANDOMNESS_VRF_CONTEXT,
} from "./vrf.ts";

beforeAll(async () => {
  await initCrypto();
});

const alice = () => sr25519KeypairFromSeed(new Uint8Array(32).fill(1));
const bob = () => sr25519KeypairFromSeed(new Uint8Array(32).fill(2));
const input = { randomness: new Uint8Array(32).fill(0x42), slot: 262493679n, epochIndex: 7n };

function flip(bytes: Uint8Array, at: number): Uint8Array {
  const out = bytes.slice();
  out[at]! ^= 1;
  return out;
}

describe("the BABE VRF transcript", () => {
  it("is Merlin `BABE` with slot number, current epoch (u64 LE) and chain randomness, as in scure's Merlin", () => {
    const random = randomFrom(3);
    for (let i = 0; i < 10; i++) {
      const x = {
        randomness: random.bytes(32),
        slot: BigInt(random.below(2 ** 31)) << 20n,
        epochIndex: BigInt(i * 1000),
      };
      const theirs = new scure.Merlin("BABE");
      theirs.appendMessage("slot number", u64le(x.slot));
      theirs.appendMessage("current epoch", u64le(x.epochIndex));
      theirs.appendMessage("chain randomness", x.randomness);
      expect(toHex(babeVrfTranscript(x).challengeBytes(label("check"), 64))).toBe(
        toHex(theirs.challengeBytes("check", 64)),
      );
    }
  });

  it("names the Substrate contexts", () => {
    expect(new TextDecoder().decode(AUTHORING_SCORE_VRF_CONTEXT)).toBe("substrate-babe-vrf");
    expect(new TextDecoder().decode(RANDOMNESS_VRF_CONTEXT)).toBe("BabeVRFInOutContext");
  });
});

describe("BABE VRF sign and verify", () => {
  it("verifies what it signs, and the outputs do not depend on the proof's randomness", () => {
    const a = babeVrfSign(alice(), input);
    const b = babeVrfSign(alice(), input);
    expect(toHex(a.signature.proof)).not.toBe(toHex(b.signature.proof));
    expect(toHex(a.signature.preOutput)).toBe(toHex(b.signature.preOutput));
    const verified = babeVrfVerify(alice().publicKey, input, a.signature);
    expect(verified).toEqual(a.inOut);
    expect(babeClaimValue(verified!)).toBe(babeClaimValue(b.inOut));
    expect(toHex(babeVrfRandomness(verified!))).toBe(toHex(babeVrfRandomness(b.inOut)));
    expect(babeVrfInOut(alice().publicKey, input, a.signature.preOutput)).toEqual(a.inOut);
  });

  it("the claim value is a u128 read little-endian from 16 make_bytes bytes; randomness is 32 bytes", () => {
    const { inOut } = babeVrfSign(alice(), input);
    const value = babeClaimValue(inOut);
    expect(value).toBeGreaterThanOrEqual(0n);
    expect(value).toBeLessThan(1n << 128n);
    expect(babeVrfRandomness(inOut).length).toBe(32);
    // Different keys and slots give unrelated values.
    expect(babeClaimValue(babeVrfSign(bob(), input).inOut)).not.toBe(value);
    expect(babeClaimValue(babeVrfSign(alice(), { ...input, slot: input.slot + 1n }).inOut)).not.toBe(value);
  });

  it("refuses a tampered proof, pre-output, key, slot, epoch or randomness", () => {
    const { signature } = babeVrfSign(alice(), input);
    const pk = alice().publicKey;
    expect(babeVrfVerify(pk, input, { ...signature, proof: flip(signature.proof, 0) })).toBeUndefined();
    expect(babeVrfVerify(pk, input, { ...signature, proof: flip(signature.proof, 40) })).toBeUndefined();
    expect(
      babeVrfVerify(pk, input, { ...signature, preOutput: flip(signature.preOutput, 0) }),
    ).toBeUndefined();
    expect(babeVrfVerify(bob().publicKey, input, signature)).toBeUndefined();
    expect(babeVrfVerify(pk, { ...input, slot: input.slot + 1n }, signature)).toBeUndefined();
    expect(babeVrfVerify(pk, { ...input, epochIndex: input.epochIndex + 1n }, signature)).toBeUndefined();
    expect(
      babeVrfVerify(pk, { ...input, randomness: flip(input.randomness, 31) }, signature),
    ).toBeUndefined();
    // Another key's pre-output with this key's proof fails too.
    const other = babeVrfSign(bob(), input).signature;
    expect(babeVrfVerify(pk, input, { preOutput: other.preOutput, proof: signature.proof })).toBeUndefined();
    expect(
      babeVrfVerify(pk, input, {
        preOutput: concatBytes(signature.preOutput, Uint8Array.of(0)),
        proof: signature.proof,
      }),
    ).toBeUndefined();
  });

  it("refuses a non-sr25519 key and malformed inputs with a BabeError", () => {
    const ed = ed25519KeypairFromSeed(new Uint8Array(32).fill(1));
    expect(() => babeVrfSign(ed, input)).toThrow(BabeError);
    expect(() => babeVrfSign(alice(), { ...input, randomness: new Uint8Array(31) })).toThrow(/32 bytes/);
    expect(() => babeVrfSign(alice(), { ...input, slot: -1n })).toThrow(
      expect.objectContaining({ code: "BABE_BAD_INPUT" }),
    );
    expect(() => babeVrfSign(alice(), { ...input, epochIndex: 1n << 64n })).toThrow(
      expect.objectContaining({ code: "BABE_BAD_INPUT" }),
    );
  });
});
