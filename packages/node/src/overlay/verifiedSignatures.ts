/**
 * Signatures a block's importer verified ahead of execution (on worker threads): the runtime's
 * verification requests are answered from here when signature, message and key all match, and
 * verified again otherwise, so a wrong entry can only cost time, never accept a bad signature
 * the runtime did not ask about.
 */
import { bytesEqual, toHex } from "@canary/primitives";
import type { VerifiedSignatures } from "./nodeHost.ts";

export class VerifiedSignatureSet implements VerifiedSignatures {
  readonly #bySignature = new Map<string, { message: Uint8Array; publicKey: Uint8Array }>();

  add(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): void {
    this.#bySignature.set(toHex(signature), { message: message.slice(), publicKey: publicKey.slice() });
  }

  has(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
    const entry = this.#bySignature.get(toHex(signature));
    return (
      entry !== undefined && bytesEqual(entry.message, message) && bytesEqual(entry.publicKey, publicKey)
    );
  }

  get size(): number {
    return this.#bySignature.size;
  }
}
