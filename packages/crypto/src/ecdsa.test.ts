import { blake2_256, toHex, utf8Bytes } from "@canary/primitives";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import {
  cryptoWaitReady,
  ethereumEncode,
  secp256k1Recover as pjsRecover,
  secp256k1Sign as pjsSign,
  secp256k1PairFromSeed,
  signatureVerify,
} from "@polkadot/util-crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { seeded } from "../../../test/support/seeded.ts";
import {
  ecdsaKeypairFromSeed,
  ecdsaRecover,
  ecdsaRecoverPrehashed,
  ecdsaSign,
  ecdsaSignPrehashed,
  ecdsaVerify,
  ethereumAddress,
} from "./ecdsa.ts";
import { initCrypto } from "./init.ts";
import { expectAllRejected, signingSamples } from "./test/samples.ts";

beforeAll(async () => {
  await initCrypto();
  await cryptoWaitReady();
});

const N = secp256k1.Point.Fn.ORDER;
const seed = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const message = utf8Bytes("canary ecdsa test message");
const code = (c: string) => expect.objectContaining({ code: c });
const be32 = (n: bigint) =>
  Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * (31 - i))) & 0xffn));
const toBig = (b: Uint8Array) => BigInt(toHex(b));

describe("ecdsa (secp256k1, Substrate style)", () => {
  it("derives keys and signs byte-for-byte like polkadot.js, which verifies and recovers them", () => {
    for (const { seed: s, message: msg } of signingSamples(seeded(), seed, 40)) {
      const pair = ecdsaKeypairFromSeed(s);
      const pjs = secp256k1PairFromSeed(s);
      expect(pair.publicKey.length).toBe(33);
      expect(toHex(pair.publicKey)).toBe(toHex(pjs.publicKey));
      const sig = ecdsaSign(pair, msg);
      expect(sig.length).toBe(65);
      expect(sig[64]! <= 1).toBe(true);
      expect(toHex(sig)).toBe(toHex(pjsSign(msg, pjs, "blake2")));
      expect(signatureVerify(msg, sig, pair.publicKey)).toMatchObject({ isValid: true, crypto: "ecdsa" });
      expect(toHex(pjsRecover(blake2_256(msg), sig, sig[64]!))).toBe(toHex(pair.publicKey));
      expect(ecdsaVerify(sig, msg, pair.publicKey)).toBe(true);
      expect(toHex(ecdsaRecover(sig, msg))).toBe(toHex(pair.publicKey));
    }
  });

  it("signs a prehashed digest as the message form does", () => {
    const pair = ecdsaKeypairFromSeed(seed);
    const sig = ecdsaSignPrehashed(pair, blake2_256(message));
    expect(toHex(sig)).toBe(toHex(ecdsaSign(pair, message)));
    expect(toHex(ecdsaRecoverPrehashed(sig, blake2_256(message)))).toBe(toHex(pair.publicKey));
  });

  it("rejects a wrong signature, key or message", () => {
    const pair = ecdsaKeypairFromSeed(seed);
    const other = ecdsaKeypairFromSeed(new Uint8Array(32).fill(5));
    const sig = ecdsaSign(pair, message);
    expect(ecdsaVerify(sig, message, other.publicKey)).toBe(false);
    expect(ecdsaVerify(sig, utf8Bytes("other"), pair.publicKey)).toBe(false);
    const flippedV = sig.slice();
    flippedV[64]! ^= 1;
    expect(ecdsaVerify(flippedV, message, pair.publicKey)).toBe(false);
    const flippedS = sig.slice();
    flippedS[40]! ^= 1;
    expect(ecdsaVerify(flippedS, message, pair.publicKey)).toBe(false);
  });

  it("accepts v as 27/28 and the high-s twin, as sp_io's recover does", () => {
    const pair = ecdsaKeypairFromSeed(seed);
    const sig = ecdsaSign(pair, message);
    const v27 = sig.slice();
    v27[64] = sig[64]! + 27;
    expect(ecdsaVerify(v27, message, pair.publicKey)).toBe(true);
    const twin = sig.slice();
    twin.set(be32(N - toBig(sig.subarray(32, 64))), 32);
    twin[64] = sig[64]! ^ 1;
    expect(ecdsaVerify(twin, message, pair.publicKey)).toBe(true);
  });

  it("reports why recovery failed, with Substrate's EcdsaVerifyError kinds", () => {
    const sig = ecdsaSign(ecdsaKeypairFromSeed(seed), message);
    const withV = (v: number) => Uint8Array.from([...sig.subarray(0, 64), v]);
    expect(() => ecdsaRecover(withV(4), message)).toThrow(code("ECDSA_BAD_V"));
    expect(() => ecdsaRecover(withV(26), message)).toThrow(code("ECDSA_BAD_V"));
    const bigR = sig.slice();
    bigR.set(be32(N), 0);
    expect(() => ecdsaRecover(bigR, message)).toThrow(code("ECDSA_BAD_RS"));
    const zeroR = sig.slice();
    zeroR.fill(0, 0, 32);
    expect(() => ecdsaRecover(zeroR, message)).toThrow(code("ECDSA_BAD_SIGNATURE"));
    expect(() => ecdsaRecover(sig.subarray(0, 64), message)).toThrow(code("ECDSA_BAD_SIGNATURE"));
  });

  it("survives a crafted signature that recovers to the point at infinity (the Wasm code would trap)", () => {
    // With R = (e/s)·G, s·R − e·G is the identity, so no key recovers; anyone can build this.
    const e = toBig(blake2_256(message)) % N;
    const s = 12345678901234567890n;
    const k = (e * secp256k1.Point.Fn.inv(s)) % N;
    const R = secp256k1.Point.BASE.multiply(k).toAffine();
    const sig = Uint8Array.from([...be32(R.x % N), ...be32(s), (R.y & 1n ? 1 : 0) | (R.x >= N ? 2 : 0)]);
    expect(() => ecdsaRecover(sig, message)).toThrow(code("ECDSA_BAD_SIGNATURE"));
    for (let i = 0; i < 200; i++) expect(ecdsaVerify(sig, message, new Uint8Array(33))).toBe(false);
  });

  it("returns false, never throws, on malformed input", () => {
    const random = seeded();
    const pair = ecdsaKeypairFromSeed(seed);
    const sig = ecdsaSign(pair, message);
    const bad: Array<[unknown, unknown, unknown]> = [
      [sig.subarray(0, 64), message, pair.publicKey],
      [new Uint8Array(66), message, pair.publicKey],
      [sig, message, pair.publicKey.subarray(0, 32)],
      [sig, message, new Uint8Array(65)],
      [new Uint8Array(65).fill(0xff), message, pair.publicKey],
      [new Uint8Array(65), message, pair.publicKey],
      [sig, undefined, pair.publicKey],
      [null, message, pair.publicKey],
    ];
    expectAllRejected(ecdsaVerify, bad);
    for (let i = 0; i < 300; i++) {
      expect(ecdsaVerify(random.bytes(65), message, pair.publicKey)).toBe(false);
    }
    expect(ecdsaVerify(sig, message, pair.publicKey)).toBe(true);
  });

  it("throws typed errors on bad seeds and key pairs", () => {
    expect(() => ecdsaKeypairFromSeed(new Uint8Array(32))).toThrow(code("CRYPTO_BAD_SEED"));
    expect(() => ecdsaKeypairFromSeed(be32(N))).toThrow(code("CRYPTO_BAD_SEED"));
    expect(() => ecdsaKeypairFromSeed(new Uint8Array(16))).toThrow(code("CRYPTO_BAD_SEED"));
    const pair = ecdsaKeypairFromSeed(seed);
    expect(() => ecdsaSign({ ...pair, secretKey: new Uint8Array(32) }, message)).toThrow(
      code("CRYPTO_BAD_KEYPAIR"),
    );
    expect(() => ecdsaSign({ ...pair, scheme: "ed25519" }, message)).toThrow(code("CRYPTO_BAD_KEYPAIR"));
    expect(() => ecdsaSignPrehashed(pair, new Uint8Array(31))).toThrow(code("CRYPTO_BAD_INPUT"));
  });

  it("derives Ethereum addresses as polkadot.js's ethereumEncode does", () => {
    const random = seeded();
    for (let i = 0; i < 10; i++) {
      const pair = ecdsaKeypairFromSeed(i === 0 ? seed : random.bytes(32));
      const address = ethereumAddress(pair.publicKey);
      expect(address.length).toBe(20);
      expect(toHex(address)).toBe(ethereumEncode(pair.publicKey).toLowerCase());
      const uncompressed = secp256k1.Point.fromBytes(pair.publicKey).toBytes(false);
      expect(toHex(ethereumAddress(uncompressed))).toBe(toHex(address));
    }
    expect(() => ethereumAddress(new Uint8Array(33))).toThrow(code("ECDSA_BAD_PUBLIC_KEY"));
  });
});
