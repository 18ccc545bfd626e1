import {
  blake2_256,
  fromHex,
  getHashBackend,
  type HashBackend,
  pureHashBackend,
  toHex,
  twox128,
  utf8Bytes,
} from "@canary/primitives";
import { blake2b as wasmCryptoBlake2b, twox as wasmCryptoTwox } from "@polkadot/wasm-crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ecdsaVerify } from "./ecdsa.ts";
import { ed25519Verify } from "./ed25519.ts";
import { initCrypto, isCryptoReady } from "./init.ts";
import { keypairFromSuri } from "./keyring.ts";
import { sr25519Sign, sr25519Verify } from "./sr25519.ts";
import { vrfVerify } from "./vrf.ts";
import { hashModule, wasmHashBackend } from "./wasmHash.ts";

const ZERO32 = new Uint8Array(32);

describe("initCrypto", () => {
  // Runs first: this file's module instance has not been initialised yet.
  it("makes every sync function throw CRYPTO_NOT_READY before it resolves", () => {
    expect(isCryptoReady()).toBe(false);
    const calls = [
      () => sr25519Verify(new Uint8Array(64), ZERO32, ZERO32),
      () => ed25519Verify(new Uint8Array(64), ZERO32, ZERO32),
      () => ecdsaVerify(new Uint8Array(65), ZERO32, new Uint8Array(33)),
      () => vrfVerify(ZERO32, ZERO32, ZERO32, { output: ZERO32, proof: new Uint8Array(64) }),
      () => keypairFromSuri("//Alice"),
      () => sr25519Sign({ scheme: "sr25519", publicKey: ZERO32, secretKey: new Uint8Array(64) }, ZERO32),
    ];
    for (const call of calls) expect(call).toThrow(expect.objectContaining({ code: "CRYPTO_NOT_READY" }));
    expect(getHashBackend()).toBe(pureHashBackend);
  });

  it("resolves once, installs the Wasm hash backend, and is idempotent", async () => {
    const first = initCrypto();
    expect(initCrypto()).toBe(first);
    await first;
    expect(isCryptoReady()).toBe(true);
    expect(getHashBackend()).toBe(wasmHashBackend);
  });
});

describe("Wasm hash backend", () => {
  const cases: Array<[string, (b: HashBackend, d: Uint8Array) => Uint8Array]> = [
    ["blake2b-128", (b, d) => b.blake2b(d, 16)],
    ["blake2b-256", (b, d) => b.blake2b(d, 32)],
    ["blake2b-512", (b, d) => b.blake2b(d, 64)],
    ["twox64", (b, d) => b.twox(d, 8)],
    ["twox128", (b, d) => b.twox(d, 16)],
    ["twox256", (b, d) => b.twox(d, 32)],
    ["keccak256", (b, d) => b.keccak256(d)],
  ];

  it.each(cases)("%s equals the pure-JS backend on random inputs", async (_, hash) => {
    await initCrypto();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (data) => {
        expect(toHex(hash(wasmHashBackend, data))).toBe(toHex(hash(pureHashBackend, data)));
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with wasm-crypto and noble at block and buffer boundaries, for every blake2b length", async () => {
    await initCrypto();
    const capacity = hashModule().capacity;
    const lengths = [
      0,
      1,
      7,
      8,
      31,
      32,
      33,
      127,
      128,
      129,
      255,
      256,
      257,
      capacity - 1,
      capacity,
      capacity + 1,
    ];
    for (const n of lengths) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 7 + n) & 255);
      for (const out of [16, 32, 64]) {
        expect(toHex(wasmHashBackend.blake2b(data, out)), `blake2b-${out * 8} of ${n} bytes`).toBe(
          toHex(wasmCryptoBlake2b(data, new Uint8Array(0), out)),
        );
      }
      for (const rounds of [1, 2, 4]) {
        expect(toHex(wasmHashBackend.twox(data, (rounds * 8) as 8)), `twox ×${rounds} of ${n} bytes`).toBe(
          toHex(wasmCryptoTwox(data, rounds)),
        );
      }
    }
    const data = Uint8Array.from({ length: 200 }, (_, i) => i);
    for (let out = 1; out <= 64; out++) {
      expect(toHex(wasmHashBackend.blake2b(data, out))).toBe(toHex(pureHashBackend.blake2b(data, out)));
    }
  });

  it("hands out digests of their own: a later hash does not change an earlier one", async () => {
    await initCrypto();
    const first = wasmHashBackend.blake2b(utf8Bytes("first"), 32);
    const copy = first.slice();
    wasmHashBackend.blake2b(utf8Bytes("second"), 32);
    wasmHashBackend.twox(utf8Bytes("third"), 32);
    expect(first).toEqual(copy);
  });

  it("gives the well-known Substrate values through @canary/primitives", async () => {
    await initCrypto();
    expect(toHex(twox128(utf8Bytes("System")))).toBe("0x26aa394eea5630e07c48ae0c9558cef7");
    expect(toHex(twox128(utf8Bytes("Balances")))).toBe("0xc2261276cc9d1f8598ea4b6a74b15c2f");
    expect(toHex(blake2_256(new Uint8Array(0)))).toBe(
      "0x0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8",
    );
    expect(toHex(wasmHashBackend.keccak256(new Uint8Array(0)))).toBe(
      "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
    );
    expect(fromHex(toHex(ZERO32))).toEqual(ZERO32);
  });

  it("rejects output lengths the Wasm code would trap on", async () => {
    await initCrypto();
    for (const len of [0, 65, 1.5, -1]) {
      expect(() => wasmHashBackend.blake2b(ZERO32, len)).toThrow(
        expect.objectContaining({ code: "CRYPTO_BAD_HASH_LENGTH" }),
      );
    }
    expect(() => wasmHashBackend.twox(ZERO32, 12 as 8)).toThrow(
      expect.objectContaining({ code: "CRYPTO_BAD_HASH_LENGTH" }),
    );
  });
});
