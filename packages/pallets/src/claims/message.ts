/**
 * The message an Ethereum wallet signs for a claim (`personal_sign`): `"\x19Ethereum Signed
 * Message:\n"`, the decimal length of the rest, the chain's prefix, the lower-case hex of the
 * destination account (no 0x) and, for `claim_attest`, the statement. The signer's address is
 * the last 20 bytes of keccak256 of the key recovered from the signature.
 */
import { host } from "@canary/frame";
import { concatBytes, encodeUtf8 } from "@canary/primitives";

const HEX = "0123456789abcdef";

/** Lower-case ASCII hex of `data`, twice its length (`to_ascii_hex`). */
export function toAsciiHex(data: Uint8Array): Uint8Array {
  let text = "";
  for (const b of data) text += HEX[b >> 4]! + HEX[b & 15]!;
  return encodeUtf8(text);
}

/** The bytes Ethereum's `personal_sign` hashes for `prefix ‖ what ‖ extra`. */
export function ethereumSignableMessage(prefix: Uint8Array, what: Uint8Array, extra: Uint8Array): Uint8Array {
  const length = prefix.length + what.length + extra.length;
  return concatBytes(encodeUtf8(`\x19Ethereum Signed Message:\n${length}`), prefix, what, extra);
}

/** The Ethereum address that signed `prefix ‖ hex(account) ‖ extra`, or undefined for a bad signature. */
export function ethRecover(
  prefix: Uint8Array,
  signature: Uint8Array,
  account: Uint8Array,
  extra: Uint8Array,
): Uint8Array | undefined {
  const h = host();
  const digest = h.keccak256(ethereumSignableMessage(prefix, toAsciiHex(account), extra));
  const key = h.secp256k1RecoverUncompressed(signature, digest);
  return key === undefined ? undefined : h.keccak256(key).slice(12);
}
