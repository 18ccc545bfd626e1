import { toHex, utf8Bytes } from "@canary/primitives";
import {
  cryptoWaitReady,
  sr25519Sign as pjsSign,
  sr25519Verify as pjsVerify,
  sr25519PairFromSeed,
} from "@polkadot/util-crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { seeded } from "../../../test/support/seeded.ts";
import { ed25519KeypairFromSeed } from "./ed25519.ts";
import { initCrypto } from "./init.ts";
import { sr25519KeypairFromSeed, sr25519Sign, sr25519Verify } from "./sr25519.ts";
import { expectAllRejected } from "./test/samples.ts";

beforeAll(async () => {
  await initCrypto();
  await cryptoWaitReady();
});

const seed = Uint8Array.from({ length: 32 }, (_, i) => i);
const message = utf8Bytes("canary sr25519 test message");

describe("sr25519", () => {
  it("derives the same key pair from a seed as polkadot.js", () => {
    const pair = sr25519KeypairFromSeed(seed);
    const pjs = sr25519PairFromSeed(seed);
    expect(toHex(pair.publicKey)).toBe(toHex(pjs.publicKey));
    expect(toHex(pair.secretKey)).toBe(toHex(pjs.secretKey));
  });

  it("signs with the substrate context: signatures cross-verify with polkadot.js both ways", () => {
    const random = seeded();
    for (let i = 0; i < 10; i++) {
      const pair = sr25519KeypairFromSeed(random.bytes(32));
      const msg = random.bytes(i * 37);
      const ours = sr25519Sign(pair, msg);
      expect(ours.length).toBe(64);
      expect(pjsVerify(msg, ours, pair.publicKey)).toBe(true);
      expect(sr25519Verify(pjsSign(msg, pair), msg, pair.publicKey)).toBe(true);
    }
  });

  it("rejects a wrong signature, key or message", () => {
    const pair = sr25519KeypairFromSeed(seed);
    const other = sr25519KeypairFromSeed(new Uint8Array(32).fill(9));
    const sig = sr25519Sign(pair, message);
    expect(sr25519Verify(sig, message, pair.publicKey)).toBe(true);
    expect(sr25519Verify(sig, message, other.publicKey)).toBe(false);
    expect(sr25519Verify(sig, utf8Bytes("another message"), pair.publicKey)).toBe(false);
    const flipped = sig.slice();
    flipped[10]! ^= 1;
    expect(sr25519Verify(flipped, message, pair.publicKey)).toBe(false);
  });

  it("returns false, never throws, on malformed input", () => {
    const random = seeded();
    const pair = sr25519KeypairFromSeed(seed);
    const sig = sr25519Sign(pair, message);
    const bad: Array<[unknown, unknown, unknown]> = [
      [sig.subarray(0, 63), message, pair.publicKey],
      [new Uint8Array(65), message, pair.publicKey],
      [sig, message, pair.publicKey.subarray(0, 31)],
      [sig, message, new Uint8Array(32).fill(0xff)], // not a Ristretto point
      [new Uint8Array(64).fill(0xff), message, pair.publicKey],
      [new Uint8Array(64), message, new Uint8Array(32)],
      [undefined, message, pair.publicKey],
      [sig, "text", pair.publicKey],
      [sig, message, null],
    ];
    expectAllRejected(sr25519Verify, bad);
    // Thousands of garbage checks leave the Wasm instance healthy.
    for (let i = 0; i < 3000; i++) {
      sr25519Verify(random.bytes(64), message, random.bytes(32));
    }
    expect(sr25519Verify(sig, message, pair.publicKey)).toBe(true);
  });

  it("throws typed errors from sign and seed on bad keys", () => {
    const code = (c: string) => expect.objectContaining({ code: c });
    expect(() => sr25519KeypairFromSeed(new Uint8Array(31))).toThrow(code("CRYPTO_BAD_SEED"));
    const pair = sr25519KeypairFromSeed(seed);
    // A hand-made pair whose public key is not a curve point would make the Wasm code trap.
    expect(() => sr25519Sign({ ...pair, publicKey: new Uint8Array(32).fill(0xff) }, message)).toThrow(
      code("CRYPTO_BAD_KEYPAIR"),
    );
    expect(() => sr25519Sign({ ...pair, secretKey: pair.secretKey.subarray(0, 32) }, message)).toThrow(
      code("CRYPTO_BAD_KEYPAIR"),
    );
    expect(() => sr25519Sign(ed25519KeypairFromSeed(seed), message)).toThrow(code("CRYPTO_BAD_KEYPAIR"));
    // A hand-made copy of a valid pair is accepted.
    expect(sr25519Verify(sr25519Sign({ ...pair }, message), message, pair.publicKey)).toBe(true);
  });
});
