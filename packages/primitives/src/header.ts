/** Block header (`sp_runtime::generic::header::Header<u32, BlakeTwo256>`) and block hash. */
import { Digest, type DigestItem, type EngineLog } from "./digest.ts";
import { blake2_256 } from "./hashing.ts";
import { FixedBytes } from "./scale/bytes.ts";
import type { Codec } from "./scale/codec.ts";
import { compactU32 } from "./scale/compact.ts";
import { mapCodec, Struct } from "./scale/composite.ts";
import { u32 } from "./scale/ints.ts";

const bytes32 = FixedBytes(32, "H256");

/** A 32-byte hash with Substrate's type `primitive_types::H256` (a composite around `[u8; 32]`). */
export const Hash256: Codec<Uint8Array> = mapCodec(
  bytes32,
  (v) => v,
  (v) => v,
  "H256",
  {
    kind: "composite",
    path: ["primitive_types", "H256"],
    fields: [{ type: bytes32.desc, typeName: "[u8; 32]" }],
  },
);

export interface Header {
  parentHash: Uint8Array;
  /** Block number, u32. */
  number: number;
  stateRoot: Uint8Array;
  extrinsicsRoot: Uint8Array;
  digest: DigestItem[];
}

const headerFields = Struct(
  {
    parentHash: Hash256,
    number: compactU32,
    stateRoot: Hash256,
    extrinsicsRoot: Hash256,
    digest: Digest,
  },
  "Header",
);

export const Header: Codec<Header> = mapCodec(
  headerFields,
  (v): Header => v,
  (v) => v,
  "Header",
  {
    kind: "composite",
    path: ["sp_runtime", "generic", "header", "Header"],
    params: [{ name: "Number", type: u32.desc }, { name: "Hash" }],
    fields: [
      { name: "parent_hash", type: Hash256.desc, typeName: "Hash::Output" },
      { name: "number", type: compactU32.desc, typeName: "Number" },
      { name: "state_root", type: Hash256.desc, typeName: "Hash::Output" },
      { name: "extrinsics_root", type: Hash256.desc, typeName: "Hash::Output" },
      { name: "digest", type: Digest.desc, typeName: "Digest" },
    ],
  },
);

/** The block hash: blake2_256 of the SCALE-encoded header. */
export const blockHash = (header: Header): Uint8Array => blake2_256(Header.enc(header));

/**
 * Splits off the seal, the last digest item, which the author adds after building the block: it
 * signs the hash of the header without it. Returns undefined when the last item is not a Seal.
 * The input header is not modified.
 */
export function headerWithoutSeal(header: Header): { header: Header; seal: EngineLog } | undefined {
  const last = header.digest.at(-1);
  if (last?.tag !== "Seal") return undefined;
  return { header: { ...header, digest: header.digest.slice(0, -1) }, seal: last.value };
}
