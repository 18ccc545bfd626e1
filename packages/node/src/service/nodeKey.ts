/**
 * The node's network identity, as Substrate keeps it: an ed25519 secret in
 * `<chain dir>/network/secret_ed25519`, created on first start. Its libp2p peer id (the identity
 * multihash of the protobuf-encoded public key, base58) is what `system_localPeerId` reports.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ed25519KeypairFromSeed } from "@canary/crypto";
import { base58Encode } from "@canary/primitives";
import { ServiceError } from "./errors.ts";

export function loadNodeKey(chainDir: string): Uint8Array {
  const dir = join(chainDir, "network");
  const file = join(dir, "secret_ed25519");
  if (existsSync(file)) {
    const seed = new Uint8Array(readFileSync(file));
    if (seed.length !== 32) {
      throw new ServiceError(
        "NODE_BAD_NODE_KEY",
        `${file} is not a 32-byte ed25519 secret: delete it to make a new one`,
      );
    }
    return seed;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const seed = new Uint8Array(randomBytes(32));
  writeFileSync(file, seed, { mode: 0o600 });
  return seed;
}

/** libp2p's PeerId of an ed25519 key: base58(identity multihash(protobuf PublicKey{Ed25519, key})). */
export function peerId(seed: Uint8Array): string {
  const publicKey = ed25519KeypairFromSeed(seed).publicKey;
  const proto = new Uint8Array([0x08, 0x01, 0x12, 0x20, ...publicKey]); // KeyType = Ed25519, Data = key
  return base58Encode(new Uint8Array([0x00, proto.length, ...proto]));
}
