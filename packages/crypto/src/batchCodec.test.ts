import { toHex } from "@canary/primitives";
import { describe, expect, it } from "vitest";
import { packChecks, unpackChecks } from "./batchCodec.ts";
import type { SignatureCheck } from "./verify.ts";

const bytes = (...values: number[]) => Uint8Array.from(values);
const hexOf = (c: SignatureCheck | undefined) =>
  c && [c.scheme, toHex(c.signature), toHex(c.message), toHex(c.publicKey)];

describe("batch codec", () => {
  it("round-trips checks, including empty fields, as views into one buffer", () => {
    const checks: SignatureCheck[] = [
      { scheme: "sr25519", signature: bytes(1, 2), message: bytes(3), publicKey: bytes(4, 5, 6) },
      { scheme: "ed25519", signature: bytes(), message: bytes(), publicKey: bytes() },
      {
        scheme: "ecdsa",
        signature: new Uint8Array(65).fill(7),
        message: bytes(8),
        publicKey: new Uint8Array(33),
      },
    ];
    const buffer = packChecks(checks);
    expect(buffer.byteLength).toBe(4 * (1 + 4 * 3) + 2 + 1 + 3 + 65 + 1 + 33);
    const back = unpackChecks(buffer);
    expect(back.map(hexOf)).toEqual(checks.map(hexOf));
    expect(back[0]!.signature.buffer).toBe(buffer);
  });

  it("packs a sub-range", () => {
    const checks = [0, 1, 2, 3].map(
      (i): SignatureCheck => ({
        scheme: "sr25519",
        signature: bytes(i),
        message: bytes(),
        publicKey: bytes(),
      }),
    );
    expect(unpackChecks(packChecks(checks, 1, 3)).map((c) => c?.signature[0])).toEqual([1, 2]);
    expect(unpackChecks(packChecks(checks, 2, 2))).toEqual([]);
  });

  it("marks malformed entries so they decode as undefined", () => {
    const good: SignatureCheck = {
      scheme: "ed25519",
      signature: bytes(1),
      message: bytes(2),
      publicKey: bytes(3),
    };
    const checks = [
      { ...good, scheme: "rsa" },
      { ...good, message: "text" },
      { ...good, publicKey: [1, 2, 3] },
      null,
      good,
    ] as unknown as SignatureCheck[];
    expect(unpackChecks(packChecks(checks)).map(hexOf)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      hexOf(good),
    ]);
  });
});
