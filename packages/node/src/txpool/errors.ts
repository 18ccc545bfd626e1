/** Transaction pool errors with Substrate's author-RPC codes (sc-rpc-api author/error.rs). */
import { CanaryError } from "@canary/primitives";

/** Each kind of refusal: its error code, its JSON-RPC code and message. */
export const POOL_ERRORS = {
  invalid: ["POOL_INVALID", 1010, "Invalid Transaction"],
  unknownValidity: ["POOL_UNKNOWN_VALIDITY", 1011, "Unknown Transaction Validity"],
  banned: ["POOL_BANNED", 1012, "Transaction is temporarily banned"],
  alreadyImported: ["POOL_ALREADY_IMPORTED", 1013, "Transaction Already Imported"],
  tooLowPriority: ["POOL_TOO_LOW_PRIORITY", 1014, "Priority is too low"],
  cycle: ["POOL_CYCLE", 1015, "Transaction has a cyclic dependency"],
  dropped: ["POOL_DROPPED", 1016, "Immediately Dropped"],
  undecodable: ["POOL_UNDECODABLE", 1010, "Invalid Transaction"],
} as const;

export type PoolErrorKind = keyof typeof POOL_ERRORS;
export type PoolErrorCode = (typeof POOL_ERRORS)[PoolErrorKind][0];
/** The JSON-RPC codes the author API reports for pool errors. */
export type PoolRpcCode = (typeof POOL_ERRORS)[PoolErrorKind][1];

export class PoolError extends CanaryError {
  declare readonly code: PoolErrorCode;
  readonly kind: PoolErrorKind;
  /** The JSON-RPC error code the author API reports. */
  readonly rpcCode: PoolRpcCode;
  /** The JSON-RPC `data`: the reason in words. */
  readonly data: string;

  constructor(kind: PoolErrorKind, data: string, options?: { cause?: unknown }) {
    const [code, rpcCode, message] = POOL_ERRORS[kind];
    super(code, `${message}: ${data}`, options);
    this.kind = kind;
    this.rpcCode = rpcCode;
    this.data = data;
  }
}
