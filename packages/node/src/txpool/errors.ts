/**
 * Transaction pool errors with Substrate's author-RPC codes, messages and data
 * (sc-rpc-api author/error.rs), so clients that match on them work unchanged.
 */
import { CanaryError } from "@canary/primitives";

/** Each kind of refusal: its error code, its JSON-RPC code and message. */
export const POOL_ERRORS = {
  invalid: ["POOL_INVALID", 1010, "Invalid Transaction"],
  unknownValidity: ["POOL_UNKNOWN_VALIDITY", 1011, "Unknown Transaction Validity"],
  banned: ["POOL_BANNED", 1012, "Transaction is temporarily banned"],
  alreadyImported: ["POOL_ALREADY_IMPORTED", 1013, "Transaction Already Imported"],
  tooLowPriority: ["POOL_TOO_LOW_PRIORITY", 1014, "Priority is too low"],
  cycle: ["POOL_CYCLE", 1015, "Cycle Detected"],
  dropped: ["POOL_DROPPED", 1016, "Immediately Dropped"],
  /** Bytes that are not an extrinsic: "Extrinsic has invalid format: …" (1001). */
  badFormat: ["POOL_BAD_FORMAT", 1001, "Extrinsic has invalid format"],
  /** The runtime failed while validating: "Verification Error: …" (1002). */
  verification: ["POOL_VERIFICATION", 1002, "Verification Error"],
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
  /** The reason in words (Substrate's, for an invalid transaction). */
  readonly data: string;

  constructor(kind: PoolErrorKind, data: string, options?: { cause?: unknown }) {
    const [code, rpcCode, message] = POOL_ERRORS[kind];
    super(code, `${message}: ${data}`, options);
    this.kind = kind;
    this.rpcCode = rpcCode;
    this.data = data;
  }

  /** The JSON-RPC error object's message and data, as Substrate's author API answers. */
  rpcError(): { message: string; data?: string } {
    const [, , message] = POOL_ERRORS[this.kind];
    switch (this.kind) {
      case "badFormat":
        return { message: `${message}: ${this.data}` };
      case "verification":
        return { message: `${message}: ${this.data}`, data: this.data };
      case "tooLowPriority":
        return {
          message: `${message}: ${this.data}`,
          data: "The transaction has too low priority to replace another transaction already in the pool.",
        };
      case "banned":
      case "cycle":
        return { message };
      case "dropped":
        return { message, data: "The transaction couldn't enter the pool because of the limit" };
      default:
        return { message, data: this.data };
    }
  }
}

/** `impl From<InvalidTransaction> for &'static str` (sp-runtime), the words 1010 carries. */
export const INVALID_TRANSACTION_WORDS: Record<string, string> = {
  Call: "Transaction call is not expected",
  Payment: "Inability to pay some fees (e.g. account balance too low)",
  Future: "Transaction will be valid in the future",
  Stale: "Transaction is outdated",
  BadProof: "Transaction has a bad signature",
  AncientBirthBlock: "Transaction has an ancient birth block",
  ExhaustsResources: "Transaction would exhaust the block limits",
  BadMandatory: "A call was labelled as mandatory, but resulted in an Error.",
  MandatoryValidation: "Transaction dispatch is mandatory; transactions must not be validated.",
  BadSigner: "Invalid signing address",
  IndeterminateImplicit: "The implicit data was unable to be calculated",
  UnknownOrigin: "The transaction extension did not authorize any origin",
};
