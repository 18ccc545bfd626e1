import fc from "fast-check";
import type { MultiAddress, MultiSignature } from "../account.ts";

/** `length` random bytes. */
export const arbBytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });

/** Every MultiAddress variant; `Raw` payloads up to `rawMaxLength` bytes. */
export const arbMultiAddress = (rawMaxLength: number): fc.Arbitrary<MultiAddress> =>
  fc.oneof(
    arbBytes(32).map((value) => ({ tag: "Id" as const, value })),
    fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((value) => ({ tag: "Index" as const, value })),
    fc.uint8Array({ maxLength: rawMaxLength }).map((value) => ({ tag: "Raw" as const, value })),
    arbBytes(32).map((value) => ({ tag: "Address32" as const, value })),
    arbBytes(20).map((value) => ({ tag: "Address20" as const, value })),
  );

/** Every MultiSignature variant, each of its length. */
export const arbMultiSignature: fc.Arbitrary<MultiSignature> = fc.oneof(
  arbBytes(64).map((value) => ({ tag: "Ed25519" as const, value })),
  arbBytes(64).map((value) => ({ tag: "Sr25519" as const, value })),
  arbBytes(65).map((value) => ({ tag: "Ecdsa" as const, value })),
);
