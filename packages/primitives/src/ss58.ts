/**
 * SS58 addresses: base58(prefix ++ payload ++ checksum), checksum = the first bytes of
 * blake2_512("SS58PRE" ++ prefix ++ payload). Decoding is strict: canonical prefix form only,
 * checksum verified, reserved prefixes refused.
 */
import type { AccountId32 } from "./account.ts";
import { base58Decode, base58Encode } from "./base58.ts";
import { DecodeError, EncodeError } from "./errors.ts";
import { blake2_512 } from "./hashing.ts";
import { concatBytes } from "./hex.ts";
import { encodeUtf8 } from "./utf8.ts";

/** Kusama's prefix, Canary's default. */
export const SS58_PREFIX = 2;

/** Prefixes the SS58 registry reserves; no network may use them. */
export const SS58_RESERVED_PREFIXES: readonly number[] = [46, 47];

const CONTEXT = encodeUtf8("SS58PRE");

/** Payload length → checksum length: account indices use one byte, keys and account ids two. */
const CHECKSUM_LENGTH: ReadonlyMap<number, number> = new Map([
  [1, 1],
  [2, 1],
  [4, 1],
  [8, 1],
  [32, 2],
  [33, 2],
]);

/** Longest valid address: 2-byte prefix + 33-byte key + 2-byte checksum is 37 bytes, 51 chars. */
const MAX_ADDRESS_CHARS = 64;

function checksum(prefixAndPayload: Uint8Array, length: number): Uint8Array {
  return blake2_512(concatBytes(CONTEXT, prefixAndPayload)).subarray(0, length);
}

function prefixBytes(prefix: number): Uint8Array {
  if (prefix < 64) return Uint8Array.of(prefix);
  // Two-byte form (as sp-core): byte 0 = 0b01 ++ bits 2..7 of the low byte; byte 1 = bits 0..1
  // of the low byte in its top two bits, then the high byte's six bits.
  return Uint8Array.of(0x40 | ((prefix & 0xfc) >> 2), (prefix >> 8) | ((prefix & 0x03) << 6));
}

export function ss58Encode(publicKey: Uint8Array, prefix: number = SS58_PREFIX): string {
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 16383)
    throw new EncodeError("SS58 address", `prefix ${prefix} is not in 0..16383`);
  if (SS58_RESERVED_PREFIXES.includes(prefix))
    throw new EncodeError("SS58 address", `prefix ${prefix} is reserved`);
  const sum = CHECKSUM_LENGTH.get(publicKey.length);
  if (sum === undefined)
    throw new EncodeError("SS58 address", `a ${publicKey.length}-byte payload has no SS58 form`);
  const body = concatBytes(prefixBytes(prefix), publicKey);
  return base58Encode(concatBytes(body, checksum(body, sum)));
}

export interface Ss58Decoded {
  publicKey: Uint8Array;
  prefix: number;
}

export function ss58Decode(address: string, expectedPrefix?: number): Ss58Decoded {
  const what = "SS58 address";
  if (address.length === 0 || address.length > MAX_ADDRESS_CHARS)
    throw new DecodeError("bad-length", what, `${address.length} characters`);
  const data = base58Decode(address, what);
  const first = data[0] ?? 0;
  if (first >= 128) throw new DecodeError("bad-prefix", what, `first byte 0x${first.toString(16)}`);
  const prefixLength = first < 64 ? 1 : 2;
  // Payload + checksum lengths are distinct for every allowed payload, so the rest tells both.
  const rest = data.length - prefixLength;
  let payloadLength = -1;
  for (const [payload, sum] of CHECKSUM_LENGTH) if (payload + sum === rest) payloadLength = payload;
  if (payloadLength < 0) throw new DecodeError("bad-length", what, `${data.length} bytes after base58`);
  const bodyEnd = prefixLength + payloadLength;
  const expected = checksum(data.subarray(0, bodyEnd), rest - payloadLength);
  for (let i = 0; i < expected.length; i++) {
    if (data[bodyEnd + i] !== expected[i]) throw new DecodeError("bad-checksum", what, "checksum mismatch");
  }
  let prefix = first;
  if (prefixLength === 2) {
    const second = data[1]!;
    prefix = (((first << 2) | (second >> 6)) & 0xff) | ((second & 0x3f) << 8);
    if (prefix < 64)
      throw new DecodeError("non-canonical", what, `prefix ${prefix} must use the one-byte form`);
  }
  if (SS58_RESERVED_PREFIXES.includes(prefix))
    throw new DecodeError("bad-prefix", what, `prefix ${prefix} is reserved`);
  if (expectedPrefix !== undefined && prefix !== expectedPrefix)
    throw new DecodeError("bad-prefix", what, `prefix ${prefix}, expected ${expectedPrefix}`);
  return { publicKey: data.slice(prefixLength, bodyEnd), prefix };
}

/** The account id an address names; only 32-byte payloads are account ids. */
export function accountFromSs58(address: string, expectedPrefix?: number): AccountId32 {
  const { publicKey } = ss58Decode(address, expectedPrefix);
  if (publicKey.length !== 32)
    throw new DecodeError("bad-length", "SS58 account id", `payload is ${publicKey.length} bytes, not 32`);
  return publicKey;
}

export function accountToSs58(account: AccountId32, prefix: number = SS58_PREFIX): string {
  if (account.length !== 32) throw new EncodeError("AccountId32", `expected 32 bytes, got ${account.length}`);
  return ss58Encode(account, prefix);
}
