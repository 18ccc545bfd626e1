import { CanaryError } from "@canary/primitives";

export type GenesisErrorCode =
  /** The runtime has no genesis preset of that name. */
  | "GENESIS_UNKNOWN_PRESET"
  /** The runtime refused the genesis config. */
  | "GENESIS_BUILD_FAILED"
  /** Genesis storage without the runtime at `:code`. */
  | "GENESIS_NO_CODE"
  /** Genesis storage that holds one key twice. */
  | "GENESIS_DUPLICATE_KEY"
  /** The runtime committed or rolled back a storage transaction it had not started. */
  | "GENESIS_NO_TRANSACTION";

export class GenesisError extends CanaryError {
  declare readonly code: GenesisErrorCode;

  constructor(code: GenesisErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
