/** Types of the standard runtime APIs (sp_api, sp_block_builder, sp_inherents, sp_session). */
import {
  Bytes,
  bool,
  type Codec,
  Enum,
  FixedBytes,
  Struct,
  Tuple,
  Vec,
  withIdentity,
} from "@canary/primitives";

/** A Rust newtype `Path(Inner)`: the inner bytes on the wire, a one-field composite in metadata. */
function newtype<T>(inner: Codec<T>, path: string[], typeName?: string): Codec<T> {
  return { ...inner, desc: { kind: "composite", path, fields: [{ type: inner.desc, typeName }] } };
}

/** `Core_initialize_block`'s answer (Core v5): whether pool transactions may follow the inherents. */
export const ExtrinsicInclusionModeCodec = withIdentity(
  Enum({ AllExtrinsics: [0], OnlyInherents: [1] } as const, "ExtrinsicInclusionMode"),
  { path: ["sp_runtime", "ExtrinsicInclusionMode"] },
);

/** SCALE-encoded metadata as `Metadata_metadata` returns it (a byte vector). */
export const OpaqueMetadata = newtype(Bytes, ["sp_core", "OpaqueMetadata"], "Vec<u8>");

/** The author's data for inherents, keyed by 8-byte identifiers (`b"timstap0"`): a BTreeMap on the wire. */
export const InherentDataCodec = withIdentity(
  Struct(
    {
      data: newtype(Vec(Tuple(FixedBytes(8, "InherentIdentifier"), Bytes), "InherentData"), ["BTreeMap"]),
    },
    "InherentData",
  ),
  { path: ["sp_inherents", "InherentData"] },
);
export type InherentData = ReturnType<typeof InherentDataCodec.dec>;

export const CheckInherentsResultCodec = withIdentity(
  Struct({ okay: bool, fatal_error: bool, errors: InherentDataCodec }, "CheckInherentsResult"),
  { path: ["sp_inherents", "CheckInherentsResult"] },
);
export type CheckInherentsResult = ReturnType<typeof CheckInherentsResultCodec.dec>;

/** A session key's type id, e.g. `b"babe"`. */
export const KeyTypeIdCodec = newtype(
  FixedBytes(4, "KeyTypeId"),
  ["sp_core", "crypto", "KeyTypeId"],
  "[u8; 4]",
);

/** `GenesisBuilder`'s preset name (`sp_genesis_builder::PresetId`, UTF-8 bytes). */
export const PresetIdCodec = newtype(Bytes, ["sp_genesis_builder", "PresetId"], "Vec<u8>");
