/** One entry point per operation across the three schemes. */
import { ecdsaSign, ecdsaVerify } from "./ecdsa.ts";
import { ed25519Sign, ed25519Verify } from "./ed25519.ts";
import { CryptoError } from "./errors.ts";
import type { Keypair, Scheme } from "./keypair.ts";
import { sr25519Sign, sr25519Verify } from "./sr25519.ts";

export interface SignatureCheck {
  readonly scheme: Scheme;
  readonly signature: Uint8Array;
  readonly message: Uint8Array;
  readonly publicKey: Uint8Array;
}

/** The verdict on one signature: false for any malformed input or unknown scheme, never a throw. */
export function verifySignature(check: SignatureCheck): boolean {
  switch (check?.scheme) {
    case "sr25519":
      return sr25519Verify(check.signature, check.message, check.publicKey);
    case "ed25519":
      return ed25519Verify(check.signature, check.message, check.publicKey);
    case "ecdsa":
      return ecdsaVerify(check.signature, check.message, check.publicKey);
    default:
      return false;
  }
}

/** Signs with the pair's own scheme (sr25519 64 bytes, ed25519 64 bytes, ecdsa 65 bytes). */
export function sign(pair: Keypair, message: Uint8Array): Uint8Array {
  switch (pair?.scheme) {
    case "sr25519":
      return sr25519Sign(pair, message);
    case "ed25519":
      return ed25519Sign(pair, message);
    case "ecdsa":
      return ecdsaSign(pair, message);
    default:
      throw new CryptoError(
        "CRYPTO_BAD_KEYPAIR",
        "sign needs a key pair made by this package (sr25519, ed25519 or ecdsa)",
      );
  }
}
