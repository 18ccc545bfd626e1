import { CanaryError } from "@canary/primitives";

export type OverlayErrorCode =
  /** Commit or rollback with no storage transaction open: the runtime's layers are unbalanced. */
  | "STATE_NO_TRANSACTION"
  /** The changes were read while a storage transaction was still open. */
  | "STATE_TRANSACTION_OPEN"
  /** A host call that needs the node's keystore (session keys) on a node without one. */
  | "HOST_NO_KEYSTORE";

export class OverlayError extends CanaryError {
  declare readonly code: OverlayErrorCode;

  constructor(code: OverlayErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
