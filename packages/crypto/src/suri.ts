/**
 * Secret URIs, `<mnemonic or 0x seed>//hard/soft///password`, parsed and turned into chain
 * codes the way polkadot.js does (Substrate agrees except where noted in junctionChainCode).
 */
import { blake2_256, fromHex, str } from "@canary/primitives";
import { CryptoError } from "./errors.ts";

export interface DeriveJunction {
  /** The path component as written, without its slashes. */
  readonly text: string;
  readonly hard: boolean;
  readonly chainCode: Uint8Array;
}

export interface ParsedSuri {
  /** A mnemonic or a `0x` hex seed. */
  readonly phrase: string;
  readonly path: readonly DeriveJunction[];
  /** The BIP39 password after `///`, if any. */
  readonly password: string | undefined;
}

const SURI = /^(0x[0-9a-fA-F]+|[\p{L}\d]+(?: [\p{L}\d]+)*)((?:\/\/?[^/]+)*)(?:\/\/\/(.*))?$/u;
const JUNCTION = /\/(\/?)([^/]+)/g;
const NUMBER = /^\d+$/;
const HEX = /^0x(?:[0-9a-fA-F]{2})*$/;
const U256_LIMIT = 1n << 256n;

/** Parses a secret URI. Throws SURI_MALFORMED (without echoing the secret) if it does not fit. */
export function parseSuri(suri: string): ParsedSuri {
  const match = typeof suri === "string" ? SURI.exec(suri.normalize("NFC")) : null;
  if (match === null) {
    throw new CryptoError(
      "SURI_MALFORMED",
      "cannot parse the secret URI: expected `<mnemonic words or 0x seed>`, then `//hard` or `/soft` junctions, then an optional `///password`",
    );
  }
  const [, phrase = "", derivePath = "", password] = match;
  return { phrase, path: parseDerivePath(derivePath), password };
}

/** Parses `//hard/soft/...` into junctions. */
export function parseDerivePath(derivePath: string): DeriveJunction[] {
  const path: DeriveJunction[] = [];
  let rebuilt = "";
  for (const [whole, hardMark, text] of derivePath.matchAll(JUNCTION)) {
    rebuilt += whole;
    path.push({ text: text!, hard: hardMark === "/", chainCode: junctionChainCode(text!) });
  }
  if (rebuilt !== derivePath) {
    throw new CryptoError("SURI_MALFORMED", `cannot parse the derivation path "${derivePath}"`);
  }
  return path;
}

/**
 * The 32-byte chain code of one path component, as polkadot.js computes it:
 * - decimal digits: the number little-endian (u64 LE for anything below 2^64, as in Substrate);
 * - `0x` hex with an even digit count: those bytes;
 * - anything else: the SCALE encoding of the string (compact length + UTF-8);
 * then zero-padded to 32 bytes, or blake2_256'd if longer.
 * Substrate's subkey differs for numbers ≥ 2^64 and for hex (it SCALE-encodes those as strings).
 */
export function junctionChainCode(text: string): Uint8Array {
  let bytes: Uint8Array;
  if (NUMBER.test(text)) {
    let n = BigInt(text);
    if (n >= U256_LIMIT) {
      throw new CryptoError(
        "SURI_BAD_JUNCTION",
        `the numeric path component "${text}" does not fit in 256 bits`,
      );
    }
    bytes = new Uint8Array(32);
    for (let i = 0; n > 0n; i++, n >>= 8n) bytes[i] = Number(n & 0xffn);
  } else if (HEX.test(text)) {
    bytes = fromHex(text);
  } else {
    bytes = str.enc(text);
  }
  if (bytes.length > 32) return blake2_256(bytes);
  const code = new Uint8Array(32);
  code.set(bytes);
  return code;
}
