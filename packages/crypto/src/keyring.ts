/** Key pairs from seeds, mnemonics and secret URIs, derived exactly as polkadot.js derives them. */
import { fromHex } from "@canary/primitives";
import { bip39ToMiniSecret, bip39Validate } from "@polkadot/wasm-crypto";
import { ecdsaDeriveHard, ecdsaKeypairFromSeed } from "./ecdsa.ts";
import { ed25519DeriveHard, ed25519KeypairFromSeed } from "./ed25519.ts";
import { CryptoError } from "./errors.ts";
import { assertReady } from "./init.ts";
import type { Keypair, Scheme } from "./keypair.ts";
import { sr25519DeriveHard, sr25519DeriveSoft, sr25519KeypairFromSeed } from "./sr25519.ts";
import { type DeriveJunction, parseSuri } from "./suri.ts";

export const DEV_PHRASE = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

const WORD_COUNTS = [12, 15, 18, 21, 24];
const HEX_SEED = /^0x[0-9a-fA-F]{64}$/;

/** BIP39 mnemonic → 32-byte mini secret (PBKDF2 of the entropy, as Substrate does). */
export function miniSecretFromMnemonic(phrase: string, password = ""): Uint8Array {
  assertReady("miniSecretFromMnemonic");
  if (typeof phrase !== "string" || typeof password !== "string") {
    throw new CryptoError(
      "CRYPTO_BAD_INPUT",
      "miniSecretFromMnemonic takes the phrase and password as strings",
    );
  }
  const words = phrase.split(" ").length;
  if (!WORD_COUNTS.includes(words)) {
    throw new CryptoError(
      "SURI_BAD_WORD_COUNT",
      `a BIP39 mnemonic has 12, 15, 18, 21 or 24 words separated by single spaces, got ${words}; or give a 0x-prefixed 32-byte hex seed (raw string seeds are not supported)`,
    );
  }
  // The Wasm code traps on an invalid phrase, so it is validated first.
  if (!bip39Validate(phrase)) {
    throw new CryptoError(
      "SURI_BAD_MNEMONIC",
      "invalid BIP39 mnemonic: a word is not in the English wordlist, or the checksum carried by the last word does not match; check the spelling and order of the words",
    );
  }
  return bip39ToMiniSecret(phrase, password);
}

export function keypairFromSeed(scheme: Scheme, seed: Uint8Array): Keypair {
  switch (scheme) {
    case "sr25519":
      return sr25519KeypairFromSeed(seed);
    case "ed25519":
      return ed25519KeypairFromSeed(seed);
    case "ecdsa":
      return ecdsaKeypairFromSeed(seed);
    default:
      throw new CryptoError("CRYPTO_BAD_INPUT", `unknown signature scheme "${String(scheme)}"`);
  }
}

/** Applies junctions in order. Soft junctions exist only for sr25519. */
export function deriveKeypair(pair: Keypair, path: readonly DeriveJunction[]): Keypair {
  let current = pair;
  for (const junction of path) {
    if (current.scheme === "sr25519") {
      current = junction.hard
        ? sr25519DeriveHard(current, junction.chainCode)
        : sr25519DeriveSoft(current, junction.chainCode);
      continue;
    }
    if (!junction.hard) {
      throw new CryptoError(
        "SURI_SOFT_UNSUPPORTED",
        `soft derivation "/${junction.text}" is not defined for ${current.scheme}; use a hard junction "//${junction.text}" or an sr25519 key`,
      );
    }
    current =
      current.scheme === "ed25519"
        ? ed25519DeriveHard(current, junction.chainCode)
        : ecdsaDeriveHard(current, junction.chainCode);
  }
  return current;
}

/**
 * The key pair a secret URI names, as polkadot.js's `keyring.createFromUri(suri, {}, scheme)`.
 * A URI that starts with a junction (`//Alice`) derives from the dev phrase. The password is the
 * BIP39 password of a mnemonic and is ignored for a hex seed (as in polkadot.js and Substrate).
 */
export function keypairFromSuri(suri: string, scheme: Scheme = "sr25519"): Keypair {
  assertReady("keypairFromSuri");
  const full = typeof suri === "string" && suri.startsWith("/") ? `${DEV_PHRASE}${suri}` : suri;
  const { phrase, path, password } = parseSuri(full);
  let seed: Uint8Array;
  if (HEX_SEED.test(phrase)) {
    seed = fromHex(phrase);
  } else if (phrase.startsWith("0x")) {
    throw new CryptoError(
      "SURI_BAD_SEED",
      `a hex seed is 0x followed by 64 hex digits (32 bytes), got ${phrase.length - 2} characters after 0x`,
    );
  } else {
    seed = miniSecretFromMnemonic(phrase, password ?? "");
  }
  return deriveKeypair(keypairFromSeed(scheme, seed), path);
}
