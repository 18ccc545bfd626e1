import { CanaryError } from "@canary/primitives";

export type ServiceErrorCode =
  /** Neither a base path nor a temporary one was given. */
  | "NODE_NO_BASE_PATH"
  /** `--chain` names no built-in chain and no file. */
  | "NODE_UNKNOWN_CHAIN"
  /** A chain spec file that cannot be read, is not JSON, or lacks what a chain spec holds. */
  | "NODE_BAD_CHAIN_SPEC"
  /** Another node holds the base path's lock. */
  | "NODE_LOCKED"
  /** The stored network key is not a 32-byte ed25519 secret. */
  | "NODE_BAD_NODE_KEY"
  /** `--validator` without the secret of any of the chain's authorities. */
  | "NODE_NO_AUTHORING_KEY"
  /** A keystore file that does not hold a secret. */
  | "KEYSTORE_BAD_KEY";

export class ServiceError extends CanaryError {
  declare readonly code: ServiceErrorCode;

  constructor(code: ServiceErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
