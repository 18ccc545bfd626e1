/**
 * The `/{genesis}/light/2` protocol (`api.v1.light`, protobuf): remote calls and storage reads
 * answered with proofs, SCALE `Vec<Vec<u8>>` of trie nodes (reference/light-client.md item 13).
 * Request: 1 remote_call_request {block 2, method 3, data 4}, 2 remote_read_request {block 2,
 * keys 3 repeated}, 4 remote_read_child_request {block 2, storage_key 3, keys 6 repeated}.
 * Response: 1 remote_call_response {proof 2} or 2 remote_read_response {proof 2}.
 */
import { Bytes, DecodeError, decodeExact, H256, Vec } from "@canary/primitives";
import { reader, writer } from "protons-runtime";
import { protobuf } from "./messages.ts";

export type LightRequest =
  | { kind: "call"; block: Uint8Array; method: string; data: Uint8Array }
  | { kind: "read"; block: Uint8Array; keys: Uint8Array[] }
  | { kind: "readChild"; block: Uint8Array; storageKey: Uint8Array; keys: Uint8Array[] };

export interface LightResponse {
  kind: "call" | "read";
  proof: Uint8Array[];
}

/** `sp_trie::StorageProof` as it travels: `Vec<Vec<u8>>`. */
export const StorageProof = Vec(Bytes, "StorageProof");

const LENGTH_DELIMITED = 2;
const key = (field: number, wire: number) => (field << 3) | wire;
const MAX_METHOD_LENGTH = 256;

export function encodeLightRequest(req: LightRequest): Uint8Array {
  const inner = writer();
  inner.uint32(key(2, LENGTH_DELIMITED)).bytes(req.block);
  if (req.kind === "call") {
    inner.uint32(key(3, LENGTH_DELIMITED)).string(req.method);
    inner.uint32(key(4, LENGTH_DELIMITED)).bytes(req.data);
  } else if (req.kind === "read") {
    for (const k of req.keys) inner.uint32(key(3, LENGTH_DELIMITED)).bytes(k);
  } else {
    inner.uint32(key(3, LENGTH_DELIMITED)).bytes(req.storageKey);
    for (const k of req.keys) inner.uint32(key(6, LENGTH_DELIMITED)).bytes(k);
  }
  const field = req.kind === "call" ? 1 : req.kind === "read" ? 2 : 4;
  return writer().uint32(key(field, LENGTH_DELIMITED)).bytes(inner.finish()).finish();
}

export function decodeLightRequest(bytes: Uint8Array): LightRequest {
  return protobuf("light/2 request", () => {
    const r = reader(bytes);
    let found: LightRequest | undefined;
    while (r.pos < r.len) {
      const tag = r.uint32();
      if (tag === key(1, LENGTH_DELIMITED)) found = decodeCall(r.bytes());
      else if (tag === key(2, LENGTH_DELIMITED)) found = decodeRead(r.bytes(), "read");
      else if (tag === key(4, LENGTH_DELIMITED)) found = decodeRead(r.bytes(), "readChild");
      else r.skipType(tag & 7);
    }
    if (!found)
      throw new DecodeError("invalid-value", "light/2 request", "no remote call, read or child read");
    return found;
  });
}

function decodeCall(bytes: Uint8Array): LightRequest {
  const r = reader(bytes);
  let block: Uint8Array | undefined;
  let method = "";
  let data: Uint8Array = new Uint8Array();
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag === key(2, LENGTH_DELIMITED)) block = decodeExact(H256, r.bytes(), "RemoteCallRequest.block");
    else if (tag === key(3, LENGTH_DELIMITED)) method = r.string();
    else if (tag === key(4, LENGTH_DELIMITED)) data = r.bytes();
    else r.skipType(tag & 7);
  }
  if (!block) throw new DecodeError("invalid-value", "RemoteCallRequest", "no block hash");
  if (method.length === 0 || method.length > MAX_METHOD_LENGTH) {
    throw new DecodeError(
      "invalid-value",
      "RemoteCallRequest.method",
      `a method name of ${method.length} characters`,
    );
  }
  return { kind: "call", block, method, data };
}

function decodeRead(bytes: Uint8Array, kind: "read" | "readChild"): LightRequest {
  const r = reader(bytes);
  let block: Uint8Array | undefined;
  let storageKey: Uint8Array | undefined;
  const keys: Uint8Array[] = [];
  const keysField = kind === "read" ? 3 : 6;
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag === key(2, LENGTH_DELIMITED)) block = decodeExact(H256, r.bytes(), "RemoteReadRequest.block");
    else if (tag === key(keysField, LENGTH_DELIMITED)) keys.push(r.bytes());
    else if (kind === "readChild" && tag === key(3, LENGTH_DELIMITED)) storageKey = r.bytes();
    else r.skipType(tag & 7);
  }
  if (!block) throw new DecodeError("invalid-value", "RemoteReadRequest", "no block hash");
  if (keys.length === 0) throw new DecodeError("invalid-value", "RemoteReadRequest.keys", "no keys to read");
  if (kind === "read") return { kind, block, keys };
  if (!storageKey) throw new DecodeError("invalid-value", "RemoteReadChildRequest", "no child storage key");
  return { kind, block, storageKey, keys };
}

export function encodeLightResponse(res: LightResponse): Uint8Array {
  const inner = writer().uint32(key(2, LENGTH_DELIMITED)).bytes(StorageProof.enc(res.proof)).finish();
  return writer()
    .uint32(key(res.kind === "call" ? 1 : 2, LENGTH_DELIMITED))
    .bytes(inner)
    .finish();
}

export function decodeLightResponse(bytes: Uint8Array): LightResponse {
  return protobuf("light/2 response", () => {
    const r = reader(bytes);
    let found: LightResponse | undefined;
    while (r.pos < r.len) {
      const tag = r.uint32();
      if (tag === key(1, LENGTH_DELIMITED) || tag === key(2, LENGTH_DELIMITED)) {
        const inner = reader(r.bytes());
        let proof: Uint8Array[] = [];
        while (inner.pos < inner.len) {
          const t = inner.uint32();
          if (t === key(2, LENGTH_DELIMITED))
            proof = decodeExact(StorageProof, inner.bytes(), "light/2 proof");
          else inner.skipType(t & 7);
        }
        found = { kind: tag === key(1, LENGTH_DELIMITED) ? "call" : "read", proof };
      } else r.skipType(tag & 7);
    }
    if (!found) throw new DecodeError("invalid-value", "light/2 response", "no call or read response");
    return found;
  });
}
