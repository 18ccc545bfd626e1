/** A block: header and opaque extrinsics (`sp_runtime::generic::block::Block`). */
import { EncodeError } from "./errors.ts";
import { Header } from "./header.ts";
import { Bytes } from "./scale/bytes.ts";
import { type Codec, makeCodec, type TypeDesc } from "./scale/codec.ts";
import { readCompact } from "./scale/compact.ts";
import { Vec } from "./scale/composite.ts";
import { Reader } from "./scale/reader.ts";

export interface Block {
  header: Header;
  /**
   * Each extrinsic's full encoding, its compact length prefix included: the form `chain_getBlock`
   * returns, the extrinsics trie stores and `extrinsicHash` hashes.
   */
  extrinsics: Uint8Array[];
}

/** Length of the well-formed `compact(len) ++ bytes` that starts `r`; the reader ends after it. */
function readPrefixed(r: Reader, what: string): number {
  const start = r.offset;
  const len = Number(readCompact(r, 32, `${what} length`));
  r.take(len, what);
  return r.offset - start;
}

/**
 * An extrinsic the node does not look into: on the wire `Vec<u8>`, as a value the whole encoding
 * (length prefix included), so it can be stored, hashed and forwarded without re-encoding.
 */
export const OpaqueExtrinsic: Codec<Uint8Array> = makeCodec<Uint8Array>(
  {
    kind: "composite",
    path: ["sp_runtime", "OpaqueExtrinsic"],
    fields: [{ type: Bytes.desc, typeName: "Vec<u8>" }],
  },
  1,
  (w, v) => {
    let ok = false;
    try {
      const r = new Reader(v);
      ok = readPrefixed(r, "OpaqueExtrinsic") === v.length;
    } catch {
      ok = false;
    }
    if (!ok) throw new EncodeError("OpaqueExtrinsic", "value is not compact(len) ++ len bytes");
    w.bytes(v);
  },
  (r) => {
    const start = r.offset;
    readPrefixed(r, "OpaqueExtrinsic");
    return r.bytes.slice(start, r.offset);
  },
  "OpaqueExtrinsic",
);

/**
 * The block codec. `extrinsicType` only changes the metadata description (a runtime passes its
 * `UncheckedExtrinsic` type); the bytes are the same for every extrinsic type.
 */
export function blockCodec(extrinsicType: TypeDesc = OpaqueExtrinsic.desc): Codec<Block> {
  const extrinsics = Vec(OpaqueExtrinsic, "Block.extrinsics");
  return makeCodec<Block>(
    {
      kind: "composite",
      path: ["sp_runtime", "generic", "block", "Block"],
      params: [
        { name: "Header", type: Header.desc },
        { name: "Extrinsic", type: extrinsicType },
      ],
      fields: [
        { name: "header", type: Header.desc, typeName: "Header" },
        { name: "extrinsics", type: { kind: "sequence", inner: extrinsicType }, typeName: "Vec<Extrinsic>" },
      ],
    },
    Header.minSize + 1,
    (w, v) => {
      Header.write(w, v.header);
      extrinsics.write(w, v.extrinsics);
    },
    (r) => ({ header: Header.read(r), extrinsics: extrinsics.read(r) }),
    "Block",
  );
}

export const Block: Codec<Block> = blockCodec();
