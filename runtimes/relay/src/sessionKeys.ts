/**
 * The relay chain's session keys, in Kusama's order (`SessionKeys` of the Kusama runtime), so
 * that keys set now stay valid when the consensus pallets that use them arrive. Generation goes
 * through the node's keystore (the host creates and keeps the secret; the runtime sees publics).
 */
import { host, type KeyScheme } from "@canary/frame";
import { concatBytes, encodeUtf8 } from "@canary/primitives";

interface SessionKey {
  name: string;
  keyType: Uint8Array;
  scheme: KeyScheme;
  length: number;
}

const key = (name: string, id: string, scheme: KeyScheme): SessionKey => ({
  name,
  keyType: encodeUtf8(id),
  scheme,
  length: scheme === "ecdsa" ? 33 : 32,
});

export const SESSION_KEYS: readonly SessionKey[] = [
  key("grandpa", "gran", "ed25519"),
  key("babe", "babe", "sr25519"),
  key("para_validator", "para", "sr25519"),
  key("para_assignment", "asgn", "sr25519"),
  key("authority_discovery", "audi", "sr25519"),
  key("beefy", "beef", "ecdsa"),
];

/** New keys in the node's keystore (from `seed`, a SURI, when given); their publics concatenated. */
export function generateSessionKeys(seed: Uint8Array | undefined): Uint8Array {
  return concatBytes(...SESSION_KEYS.map((k) => host().keystoreGenerate(k.scheme, k.keyType, seed)));
}

export function decodeSessionKeys(encoded: Uint8Array): Array<[Uint8Array, Uint8Array]> | undefined {
  const total = SESSION_KEYS.reduce((n, k) => n + k.length, 0);
  if (encoded.length !== total) return undefined;
  let offset = 0;
  return SESSION_KEYS.map((k) => {
    const pub = encoded.slice(offset, offset + k.length);
    offset += k.length;
    return [pub, k.keyType.slice()];
  });
}

/** The key types as Session declares them (`SessionKeys` fields, in order). */
export const SESSION_KEY_TYPES = SESSION_KEYS.map((k) => ({ name: k.name, id: k.keyType, length: k.length }));
