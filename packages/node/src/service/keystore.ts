/**
 * The node's keystore: session keys created by `author_rotateKeys` (through the runtime's
 * `SessionKeys` API and the `keystoreGenerate` host function), one file per key as Substrate's:
 * `<hex key type><hex public key>` holding the secret seed or URI as a JSON string. Files are
 * written owner-only.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Keypair, keypairFromSeed, keypairFromSuri, type Scheme } from "@canary/crypto";
import type { KeyScheme } from "@canary/frame";
import { bytesEqual, decodeUtf8, toHex } from "@canary/primitives";
import { ServiceError } from "./errors.ts";

export class Keystore {
  readonly path: string;

  constructor(path: string) {
    this.path = path;
    mkdirSync(path, { recursive: true, mode: 0o700 });
  }

  #file(keyType: Uint8Array, publicKey: Uint8Array): string {
    return join(this.path, `${toHex(keyType).slice(2)}${toHex(publicKey).slice(2)}`);
  }

  /** Creates a key (from `seed`, a SURI, when given), stores it and returns its public key. */
  generate(scheme: KeyScheme, keyType: Uint8Array, seed: Uint8Array | undefined): Uint8Array {
    let secret: string;
    let publicKey: Uint8Array;
    if (seed !== undefined) {
      secret = decodeUtf8(seed) ?? "";
      publicKey = keypairFromSuri(secret, scheme as Scheme).publicKey;
    } else {
      const raw = randomBytes(32);
      secret = toHex(raw);
      publicKey = keypairFromSeed(scheme as Scheme, raw).publicKey;
    }
    // Written aside and renamed, so a crash never leaves half a key file behind.
    const file = this.#file(keyType, publicKey);
    writeFileSync(`${file}.tmp`, JSON.stringify(secret), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
    return publicKey;
  }

  /** How many keys of `keyType` the keystore holds. */
  count(keyType: Uint8Array): number {
    const prefix = toHex(keyType).slice(2);
    return readdirSync(this.path).filter((f) => f.startsWith(prefix) && !f.endsWith(".tmp")).length;
  }

  has(publicKey: Uint8Array, keyType: Uint8Array): boolean {
    return existsSync(this.#file(keyType, publicKey));
  }

  /** The stored pair for `publicKey`, if the keystore has it (and it really gives that key). */
  keypair(publicKey: Uint8Array, keyType: Uint8Array, scheme: Scheme = "sr25519"): Keypair | undefined {
    const file = this.#file(keyType, publicKey);
    if (!existsSync(file)) return undefined;
    const bad = (cause?: unknown) =>
      new ServiceError(
        "KEYSTORE_BAD_KEY",
        `${file} does not hold a secret: delete it, or insert the key again with \`canary key insert\``,
        { cause },
      );
    let pair: Keypair;
    try {
      const secret = JSON.parse(readFileSync(file, "utf8")) as unknown;
      if (typeof secret !== "string") throw bad("not a JSON string");
      pair = keypairFromSuri(secret, scheme); // a 0x seed is a secret URI too
    } catch (e) {
      throw e instanceof ServiceError ? e : bad(e);
    }
    return bytesEqual(pair.publicKey, publicKey) ? pair : undefined;
  }
}
