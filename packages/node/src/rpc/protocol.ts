/**
 * Parsing and checking JSON-RPC 2.0 requests (single or batch) before any handler runs: every
 * malformed part gets its standard error and the rest of a batch is still served.
 */
import { RPC_CODES, RpcError } from "./errors.ts";

export type RequestId = string | number | null;

export interface RpcRequest {
  id: RequestId | undefined;
  method: string;
  params: unknown[] | Record<string, unknown> | undefined;
}

export type Parsed =
  | { kind: "single"; entry: RpcRequest | RpcError }
  | { kind: "batch"; entries: Array<RpcRequest | RpcError> }
  | { kind: "error"; error: RpcError };

export function parseMessage(text: string, maxBatch: number): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: "error", error: new RpcError(RPC_CODES.parseError, "Parse error") };
  }
  if (Array.isArray(json)) {
    if (json.length === 0)
      return { kind: "error", error: new RpcError(RPC_CODES.invalidRequest, "Invalid request: empty batch") };
    if (json.length > maxBatch) {
      return {
        kind: "error",
        error: new RpcError(
          RPC_CODES.invalidRequest,
          `Invalid request: batch of ${json.length} exceeds the limit of ${maxBatch}`,
        ),
      };
    }
    return { kind: "batch", entries: json.map(checkRequest) };
  }
  return { kind: "single", entry: checkRequest(json) };
}

/** The id of a malformed request, when it has a usable one (so the error can be matched). */
export function idOf(value: unknown): RequestId {
  if (value && typeof value === "object" && "id" in value) {
    const id = (value as { id: unknown }).id;
    if (typeof id === "string" || typeof id === "number" || id === null) return id;
  }
  return null;
}

function checkRequest(value: unknown): RpcRequest | RpcError {
  const bad = (why: string) =>
    Object.assign(new RpcError(RPC_CODES.invalidRequest, `Invalid request: ${why}`), { id: idOf(value) });
  if (value === null || typeof value !== "object" || Array.isArray(value)) return bad("not an object");
  const r = value as Record<string, unknown>;
  if (r.jsonrpc !== "2.0") return bad('"jsonrpc" must be "2.0"');
  if (
    "id" in r &&
    !(typeof r.id === "string" || (typeof r.id === "number" && Number.isFinite(r.id)) || r.id === null)
  ) {
    return bad('"id" must be a string, a number or null');
  }
  if (typeof r.method !== "string" || r.method.length === 0)
    return bad('"method" must be a non-empty string');
  if (r.params !== undefined && (r.params === null || typeof r.params !== "object"))
    return bad('"params" must be an array or an object');
  return {
    id: "id" in r ? (r.id as RequestId) : undefined,
    method: r.method,
    params: r.params as RpcRequest["params"],
  };
}
