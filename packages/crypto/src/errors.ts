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

/** Why a BABE key, input, configuration, claim, seal or equivocation was refused. */
export type BabeErrorCode =
  | "BABE_BAD_KEYPAIR"
  | "BABE_BAD_INPUT"
  | "BABE_BAD_CONFIG"
  | "BABE_NO_AUTHORITIES"
  | "BABE_INVALID_AUTHORITY_INDEX"
  | "BABE_FORBIDDEN_SLOT_TYPE"
  | "BABE_BAD_VRF_PROOF"
  | "BABE_OVER_THRESHOLD"
  | "BABE_BAD_SECONDARY_AUTHOR"
  | "BABE_MISSING_PRE_DIGEST"
  | "BABE_MULTIPLE_PRE_DIGESTS"
  | "BABE_BAD_PRE_DIGEST"
  | "BABE_MISSING_SEAL"
  | "BABE_BAD_SEAL"
  | "BABE_NOT_EQUIVOCATION";

export class BabeError extends CanaryError {
  declare readonly code: BabeErrorCode;

  constructor(code: BabeErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** Why a GRANDPA key, vote, authority set, justification or equivocation was refused. */
export type GrandpaErrorCode =
  | "GRANDPA_BAD_KEYPAIR"
  | "GRANDPA_BAD_AUTHORITY_SET"
  | "GRANDPA_BAD_ENCODING"
  | "GRANDPA_TARGET_MISMATCH"
  | "GRANDPA_NO_PRECOMMITS"
  | "GRANDPA_NOT_AUTHORITY"
  | "GRANDPA_DUPLICATE_VOTER"
  | "GRANDPA_BAD_SIGNATURE"
  | "GRANDPA_BAD_ANCESTRY"
  | "GRANDPA_NOT_ENOUGH_WEIGHT"
  | "GRANDPA_NOT_GHOST"
  | "GRANDPA_UNUSED_ANCESTRY"
  | "GRANDPA_NOT_EQUIVOCATION";

export class GrandpaError extends CanaryError {
  declare readonly code: GrandpaErrorCode;

  constructor(code: GrandpaErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
