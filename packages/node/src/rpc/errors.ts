/** JSON-RPC 2.0 errors: the standard codes, and the error class method handlers throw. */

export const RPC_CODES = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  /** jsonrpsee's code for a subscription over its limit, and for calls refused by policy. */
  serverError: -32000,
} as const;

export class RpcError extends Error {
  readonly code: number;
  readonly data: unknown;

  constructor(code: number, message: string, data?: unknown) {
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
