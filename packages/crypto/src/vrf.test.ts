import { toHex, utf8Bytes } from "@canary/primitives";
import { cryptoWaitReady, sr25519VrfSign, sr25519VrfVerify } from "@polkadot/util-crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { initCrypto } from "./init.ts";
import { sr25519KeypairFromSeed } from "./sr25519.ts";
import { vrfSign, vrfVerify } from "./vrf.ts";

beforeAll(async () => {
  await initCrypto();
  await cryptoWaitReady();
});

const pair = () => sr25519KeypairFromSeed(new Uint8Array(32).fill(7));
const context = utf8Bytes("BABE");
const message = utf8Bytes("randomness ++ slot ++ epoch");
const extra = utf8Bytes("extra");

describe("sr25519 VRF", () => {
  it("signs and verifies, with a 32-byte output and a 64-byte proof", () => {
    const sig = vrfSign(pair(), context, message, extra);
    expect(sig.output.length).toBe(32);
    expect(sig.proof.length).toBe(64);
    expect(vrfVerify(pair().publicKey, context, message, sig, extra)).toBe(true);
    expect(vrfVerify(pair().publicKey, context, message, vrfSign(pair(), context, message))).toBe(true);
  });

  it("gives the same output for the same key and input (the proof is randomised)", () => {
    const a = vrfSign(pair(), context, message, extra);
    const b = vrfSign(pair(), context, message, extra);
    expect(toHex(a.output)).toBe(toHex(b.output));
    expect(toHex(vrfSign(pair(), context, utf8Bytes("other"), extra).output)).not.toBe(toHex(a.output));
  });

  it("cross-verifies with polkadot.js in both directions", () => {
    const ours = vrfSign(pair(), context, message, extra);
    const joined = new Uint8Array([...ours.output, ...ours.proof]);
    expect(sr25519VrfVerify(message, joined, pair().publicKey, context, extra)).toBe(true);
    const theirs = sr25519VrfSign(message, pair(), context, extra);
    const split = { output: theirs.slice(0, 32), proof: theirs.slice(32) };
    expect(vrfVerify(pair().publicKey, context, message, split, extra)).toBe(true);
    expect(toHex(split.output)).toBe(toHex(ours.output));
  });

  it("rejects a wrong context, message, extra, key, output or proof", () => {
    const sig = vrfSign(pair(), context, message, extra);
    const pk = pair().publicKey;
    const other = sr25519KeypairFromSeed(new Uint8Array(32).fill(8)).publicKey;
    expect(vrfVerify(pk, utf8Bytes("SASS"), message, sig, extra)).toBe(false);
    expect(vrfVerify(pk, context, utf8Bytes("x"), sig, extra)).toBe(false);
    expect(vrfVerify(pk, context, message, sig)).toBe(false);
    expect(vrfVerify(other, context, message, sig, extra)).toBe(false);
    const badOutput = sig.output.slice();
    badOutput[0]! ^= 1;
    expect(vrfVerify(pk, context, message, { ...sig, output: badOutput }, extra)).toBe(false);
    const badProof = sig.proof.slice();
    badProof[5]! ^= 1;
    expect(vrfVerify(pk, context, message, { ...sig, proof: badProof }, extra)).toBe(false);
  });

  it("returns false on malformed lengths (where the Wasm code would trap)", () => {
    const sig = vrfSign(pair(), context, message);
    const pk = pair().publicKey;
    expect(vrfVerify(pk, context, message, { output: sig.output, proof: sig.proof.subarray(0, 3) })).toBe(
      false,
    );
    expect(vrfVerify(pk, context, message, { output: sig.output.subarray(1), proof: sig.proof })).toBe(false);
    expect(vrfVerify(pk.subarray(0, 5), context, message, sig)).toBe(false);
    expect(vrfVerify(new Uint8Array(32).fill(0xff), context, message, sig)).toBe(false);
    expect(vrfVerify(pk, context, message, undefined as never)).toBe(false);
    expect(vrfVerify(pk, context, message, sig)).toBe(true);
  });

  it("throws a typed error when signing with a pair that is not sr25519", () => {
    expect(() => vrfSign({ ...pair(), scheme: "ed25519" }, context, message)).toThrow(
      expect.objectContaining({ code: "CRYPTO_BAD_KEYPAIR" }),
    );
  });
});
