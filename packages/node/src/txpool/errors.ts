/** Transaction pool errors with Substrate's author-RPC codes (sc-rpc-api author/error.rs). */
import { CanaryError } from "@canary/primitives";

export const POOL_ERRORS = {
  invalid: [1010, "Invalid Transaction"],
  unknownValidity: [1011, "Unknown Transaction Validity"],
  banned: [1012, "Transaction is temporarily banned"],
  alreadyImported: [1013, "Transaction Already Imported"],
  tooLowPriority: [1014, "Priority is too low"],
  cycle: [1015, "Transaction has a cyclic dependency"],
  dropped: [1016, "Immediately Dropped"],
  undecodable: [1010, "Invalid Transaction"],
} as const;

export type PoolErrorKind = keyof typeof POOL_ERRORS;

export class PoolError extends CanaryError {
  readonly kind: PoolErrorKind;
  /** The JSON-RPC error code the author API reports. */
  readonly rpcCode: number;
  /** The JSON-RPC `data`: the reason in words. */
  readonly data: string;

  constructor(kind: PoolErrorKind, data: string, options?: { cause?: unknown }) {
    const [rpcCode, message] = POOL_ERRORS[kind];
    super(`POOL_${kind.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`, `${message}: ${data}`, options);
    this.kind = kind;
    this.rpcCode = rpcCode;
    this.data = data;
  }
}
