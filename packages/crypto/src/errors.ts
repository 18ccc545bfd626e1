import { CanaryError } from "@canary/primitives";

/** Stable codes of every error @canary/crypto raises; programs branch on these. */
export type CryptoErrorCode =
  | "CRYPTO_NOT_READY"
  | "CRYPTO_INIT_FAILED"
  | "CRYPTO_BAD_HASH_LENGTH"
  | "CRYPTO_BAD_INPUT"
  | "CRYPTO_BAD_SEED"
  | "CRYPTO_BAD_KEYPAIR"
  | "CRYPTO_BAD_CHAIN_CODE"
  | "ECDSA_BAD_RS"
  | "ECDSA_BAD_V"
  | "ECDSA_BAD_SIGNATURE"
  | "ECDSA_BAD_PUBLIC_KEY"
  | "SURI_MALFORMED"
  | "SURI_BAD_SEED"
  | "SURI_BAD_WORD_COUNT"
  | "SURI_BAD_MNEMONIC"
  | "SURI_BAD_JUNCTION"
  | "SURI_SOFT_UNSUPPORTED"
  | "VERIFIER_CLOSED"
  | "VERIFIER_WORKER_FAILED";

export class CryptoError extends CanaryError {
  declare readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
