/**
 * Signatures a block's importer verified ahead of execution (on worker threads): the runtime's
 * verification requests are answered from here when signature, message and key all match, and
 * verified again otherwise, so a wrong entry can only cost time, never accept a bad signature
 * the runtime did not ask about.
 */
import { bytesEqual, keyId } from "@canary/primitives";
import type { VerifiedSignatures } from "./nodeHost.ts";

type Scheme = "sr25519" | "ed25519";

export class VerifiedSignatureSet implements VerifiedSignatures {
  readonly #bySignature = new Map<
    string,
    { message: Uint8Array; publicKey: Uint8Array; scheme: Scheme | undefined }
  >();

  /** `scheme` left out: the entry answers for either scheme. */
  add(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array, scheme?: Scheme): void {
    this.#bySignature.set(keyId(signature), {
      message: message.slice(),
      publicKey: publicKey.slice(),
      scheme,
    });
  }

  has(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array, scheme?: Scheme): boolean {
    const entry = this.#bySignature.get(keyId(signature));
    return (
      entry !== undefined &&
      (entry.scheme === undefined || scheme === undefined || entry.scheme === scheme) &&
      bytesEqual(entry.message, message) &&
      bytesEqual(entry.publicKey, publicKey)
    );
  }

  get size(): number {
    return this.#bySignature.size;
  }
}
