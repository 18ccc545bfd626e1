/** Reading positional JSON-RPC params with clear Invalid params errors, and the JSON shapes Substrate returns. */
import { Bytes, CanaryError, DigestItem, fromHex, type Header, toHex } from "@canary/primitives";
import type { Chain } from "../../chain/index.ts";
import { invalidParams } from "../errors.ts";
import type { Params } from "../rpcServer.ts";

export function arg(params: Params, index: number): unknown {
  return Array.isArray(params) ? params[index] : undefined;
}

export function bytesArg(params: Params, index: number, what: string): Uint8Array {
  const v = arg(params, index);
  // One character class, not a repeated group: the group's backtracking overflows the stack on megabytes.
  if (typeof v !== "string" || v.length % 2 !== 0 || !/^0x[0-9a-fA-F]*$/.test(v))
    throw invalidParams(`${what} must be 0x-prefixed hex`);
  try {
    return fromHex(v);
  } catch (e) {
    if (e instanceof CanaryError) throw invalidParams(`${what}: ${e.message}`);
    throw e;
  }
}

export function optionalBytes(params: Params, index: number, what: string): Uint8Array | undefined {
  const v = arg(params, index);
  return v === undefined || v === null ? undefined : bytesArg(params, index, what);
}

/** The block a call reads: the given hash (which must be known), else the best block. */
export function blockAt(chain: Chain, params: Params, index: number): Uint8Array {
  const hash = optionalBytes(params, index, "block hash");
  if (hash === undefined) return chain.best().hash;
  if (hash.length !== 32) throw invalidParams("a block hash is 32 bytes");
  if (!chain.header(hash)) throw invalidParams(`unknown block ${toHex(hash)}`);
  return hash;
}

export function headerJson(header: Header) {
  return {
    parentHash: toHex(header.parentHash),
    number: `0x${header.number.toString(16)}`,
    stateRoot: toHex(header.stateRoot),
    extrinsicsRoot: toHex(header.extrinsicsRoot),
    digest: { logs: header.digest.map((d) => toHex(DigestItem.enc(d))) },
  };
}

/** Whether `bytes` are a whole SCALE `Vec<u8>`, as the runtime's opaque `Extrinsic` type must be. */
export function isOpaqueExtrinsic(bytes: Uint8Array): boolean {
  try {
    return Bytes.enc(Bytes.dec(bytes)).length === bytes.length;
  } catch {
    return false;
  }
}
