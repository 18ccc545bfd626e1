/**
 * JSON-RPC 2.0 errors: every code the node answers with, and the error class method handlers
 * throw. The codes are the ones Substrate's servers use, so clients recognise them.
 */
import type { PoolRpcCode } from "../txpool/errors.ts";

export const RPC_CODES = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  /** jsonrpsee's code for a subscription over its limit, and for calls refused by policy. */
  serverError: -32000,
  /** jsonrpsee's code for a batch whose response grew past the response size limit. */
  batchResponseTooLarge: -32011,
  /** chainHead_v1: too many follow subscriptions. */
  reachedLimits: -32800,
  /** chainHead_v1: a block hash that the subscription has not pinned. */
  invalidBlock: -32801,
  /** chainHead_v1: `chainHead_v1_continue` with no operation waiting. */
  invalidContinue: -32803,
  /** chainHead_v1: one hash twice in `chainHead_v1_unpin`. */
  invalidDuplicateHashes: -32804,
  /** jsonrpsee: a response over the server's limit ("Response is too big"). */
  responseTooBig: -32008,
  /** state: the runtime call failed (sc-rpc-api's `Client` error). */
  stateCallFailed: 4003,
  /** state: `state_queryStorage`'s blocks do not form a range on one chain. */
  invalidBlockRange: 4001,
  /** state: a page count over the maximum. */
  invalidCount: 4002,
  /** chain: the client failed (sc-rpc-api chain `Client` error). */
  chainClient: 3001,
  /** system: an error of the node (sc-rpc-api system `Internal`). */
  systemInternal: 2000,
  /** author: bytes that do not decode as an extrinsic. */
  badFormat: 1001,
  /** author: the runtime failed while checking the transaction. */
  verificationError: 1002,
  /** author: the key type is not four characters. */
  badKeyType: 1000,
  /** author: any other failure (sc-rpc-api author `OTHER_ERR`). */
  authorOther: 1040,
  /** payment / system_dryRun (pallet-transaction-payment-rpc, substrate-frame-rpc-system): the runtime call failed. */
  runtimeError: 1,
  /** payment / system_dryRun: the extrinsic does not decode. */
  decodeError: 2,
} as const;

/** A JSON-RPC error code: the node's own, or the author API's pool codes (txpool/errors.ts). */
export type RpcErrorCode = (typeof RPC_CODES)[keyof typeof RPC_CODES] | PoolRpcCode;

export class RpcError extends Error {
  readonly code: RpcErrorCode;
  readonly data: unknown;

  constructor(code: RpcErrorCode, message: string, data?: unknown) {
    super(message);
    this.code = code;
    this.data = data;
  }
}

export const invalidParams = (detail: string): RpcError =>
  new RpcError(RPC_CODES.invalidParams, `Invalid params: ${detail}`);

export function errorObject(e: RpcError): { code: number; message: string; data?: unknown } {
  return e.data === undefined
    ? { code: e.code, message: e.message }
    : { code: e.code, message: e.message, data: e.data };
}
