import { CanaryError } from "@canary/primitives";

export type ServiceErrorCode =
  /** Neither a base path nor a temporary one was given. */
  | "NODE_NO_BASE_PATH"
  /** `--chain` names no built-in chain and no file. */
  | "NODE_UNKNOWN_CHAIN"
  /** A chain spec file that cannot be read, is not JSON, or lacks what a chain spec holds. */
  | "NODE_BAD_CHAIN_SPEC"
  /** A claims file (`--claims`) that cannot be read or holds an entry that is not a claim. */
  | "NODE_BAD_CLAIMS"
  /** Another node holds the base path's lock. */
  | "NODE_LOCKED"
  /** The stored network key is not a 32-byte ed25519 secret. */
  | "NODE_BAD_NODE_KEY"
  /** `--validator` without the secret of any of the chain's authorities. */
  | "NODE_NO_AUTHORING_KEY"
  /** A keystore file that does not hold a secret. */
  | "KEYSTORE_BAD_KEY"
  /** A chain id that is not a plain name (letters, digits, `_`, `-`): it would name a path. */
  | "NODE_BAD_CHAIN_ID"
  /** A path the node would create or delete lies outside its base path. */
  | "NODE_PATH_OUTSIDE_BASE"
  /** The base path cannot be created or written (under a file, read-only, no permission). */
  | "NODE_BAD_BASE_PATH"
  /** A port the node listens on (JSON-RPC, Prometheus) is taken or not allowed. */
  | "NODE_PORT_UNAVAILABLE"
  /** The chain's `:code` is not a runtime this node can run. */
  | "NODE_BAD_RUNTIME_CODE"
  /** A file the node keeps (key, network secret) cannot be read or written. */
  | "NODE_BAD_FILE"
  /** The database was found damaged while the node ran: it stops rather than build on it. */
  | "NODE_DATABASE_DAMAGED"
  /** `--block-time` differs from the slot length the chain spec's genesis sets. */
  | "NODE_SLOT_DURATION_MISMATCH";

export class ServiceError extends CanaryError {
  declare readonly code: ServiceErrorCode;

  constructor(code: ServiceErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
