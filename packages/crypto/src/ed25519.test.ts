import { toHex, utf8Bytes } from "@canary/primitives";
import {
  cryptoWaitReady,
  ed25519PairFromSeed,
  ed25519Sign as pjsSign,
  ed25519Verify as pjsVerify,
} from "@polkadot/util-crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { seeded } from "../../../test/support/seeded.ts";
import { ed25519KeypairFromSeed, ed25519Sign, ed25519Verify, ed25519VerifyWasm } from "./ed25519.ts";
import { initCrypto } from "./init.ts";
import { sr25519KeypairFromSeed } from "./sr25519.ts";
import { signingSamples } from "./test/samples.ts";

beforeAll(async () => {
  await initCrypto();
  await cryptoWaitReady();
});

const seed = Uint8Array.from({ length: 32 }, (_, i) => 100 + i);
const message = utf8Bytes("canary ed25519 test message");
// The group order L, little-endian: a signature whose S is ≥ L is non-canonical.
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const le32 = (n: bigint) => Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));

describe("ed25519", () => {
  it("derives the key pair and signs byte-for-byte like polkadot.js (signatures are deterministic)", () => {
    for (const { seed: s, message: msg } of signingSamples(seeded(), seed, 50)) {
      const pair = ed25519KeypairFromSeed(s);
      const pjs = ed25519PairFromSeed(s);
      expect(toHex(pair.publicKey)).toBe(toHex(pjs.publicKey));
      const sig = ed25519Sign(pair, msg);
      expect(toHex(sig)).toBe(toHex(pjsSign(msg, pjs)));
      expect(pjsVerify(msg, sig, pair.publicKey)).toBe(true);
      expect(ed25519Verify(sig, msg, pair.publicKey)).toBe(true);
    }
  });

  it("node:crypto and Wasm verification agree on valid, tampered and malformed signatures", () => {
    const random = seeded();
    const pair = ed25519KeypairFromSeed(seed);
    const other = ed25519KeypairFromSeed(new Uint8Array(32).fill(3));
    const sig = ed25519Sign(pair, message);
    const flip = (bytes: Uint8Array, i: number) => {
      const out = bytes.slice();
      out[i]! ^= 1;
      return out;
    };
    const highS = sig.slice();
    highS.set(le32(L + 1n), 32);
    const cases: Array<[string, Uint8Array, Uint8Array, Uint8Array, boolean]> = [
      ["valid", sig, message, pair.publicKey, true],
      ["empty message", ed25519Sign(pair, new Uint8Array(0)), new Uint8Array(0), pair.publicKey, true],
      ["wrong key", sig, message, other.publicKey, false],
      ["wrong message", sig, utf8Bytes("x"), pair.publicKey, false],
      ["R tampered", flip(sig, 3), message, pair.publicKey, false],
      ["S tampered", flip(sig, 40), message, pair.publicKey, false],
      ["S not below L", highS, message, pair.publicKey, false],
      ["key not a point", sig, message, new Uint8Array(32).fill(0xff), false],
      ["zero signature", new Uint8Array(64), message, pair.publicKey, false],
      ["short signature", sig.subarray(0, 63), message, pair.publicKey, false],
      ["long key", sig, message, new Uint8Array(33), false],
    ];
    for (const [name, s, m, k, expected] of cases) {
      expect([name, ed25519Verify(s, m, k)]).toEqual([name, expected]);
      expect([name, ed25519VerifyWasm(s, m, k)]).toEqual([name, expected]);
    }
    for (let i = 0; i < 500; i++) {
      const s = random.bytes(64);
      const k = random.bytes(32);
      expect(ed25519Verify(s, message, k)).toBe(ed25519VerifyWasm(s, message, k));
    }
  });

  it("rejects a small-order public key (where Wasm and Substrate's ZIP-215 rules accept)", () => {
    // Identity key, R = identity, S = 0: holds for every message under the bare equation.
    const identity = new Uint8Array(32);
    identity[0] = 1;
    const sig = new Uint8Array(64);
    sig[0] = 1;
    expect(ed25519VerifyWasm(sig, message, identity)).toBe(true);
    expect(ed25519Verify(sig, message, identity)).toBe(false);
  });

  it("returns false, never throws, on non-byte input; throws typed errors on bad keys", () => {
    const pair = ed25519KeypairFromSeed(seed);
    const sig = ed25519Sign(pair, message);
    expect(ed25519Verify(sig, "m" as never, pair.publicKey)).toBe(false);
    expect(ed25519Verify(undefined as never, message, pair.publicKey)).toBe(false);
    const code = (c: string) => expect.objectContaining({ code: c });
    expect(() => ed25519KeypairFromSeed(new Uint8Array(64))).toThrow(code("CRYPTO_BAD_SEED"));
    expect(() => ed25519Sign({ ...pair, secretKey: new Uint8Array(31) }, message)).toThrow(
      code("CRYPTO_BAD_KEYPAIR"),
    );
    expect(() => ed25519Sign(sr25519KeypairFromSeed(seed), message)).toThrow(code("CRYPTO_BAD_KEYPAIR"));
    expect(() => ed25519Sign(pair, "text" as never)).toThrow(code("CRYPTO_BAD_INPUT"));
  });
});
