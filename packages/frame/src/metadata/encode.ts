/**
 * Metadata V14/V15 from the model (ecosystem.md §2). The model is first turned into the object
 * shape of substrate-bindings' `v14`/`v15` codecs (field names, enum tags, hex byte strings), then
 * written here with the runtime's own writer: the bindings' `str` codec needs TextEncoder, which the
 * runtime does not have. Tests check the bytes against the bindings codecs.
 */
import { encodeUtf8, fromHex, STORAGE_HASHERS, toHex, Writer, writeCompact } from "@canary/primitives";
import { FrameError } from "../errors.ts";
import type { MetadataModel, PalletMetadata, StorageEntryMetadata } from "./model.ts";
import { type PortableField, type PortableType, PRIMITIVES, TypeRegistry } from "./registry.ts";

/** `"meta"` as a little-endian u32. */
export const METADATA_MAGIC = 0x6174656d;

export type MetadataVersion = 14 | 15;

export const SUPPORTED_METADATA_VERSIONS: readonly MetadataVersion[] = [14, 15];

type Hex = `0x${string}`;

/** Hasher tags as the bindings name them (no underscore). */
type HasherTag =
  | "Blake2128"
  | "Blake2256"
  | "Blake2128Concat"
  | "Twox128"
  | "Twox256"
  | "Twox64Concat"
  | "Identity";

export interface StorageItemValue {
  name: string;
  modifier: number;
  type:
    | { tag: "plain"; value: number }
    | {
        tag: "map";
        value: { hashers: Array<{ tag: HasherTag; value: undefined }>; key: number; value: number };
      };
  fallback: Hex;
  docs: string[];
}

export interface PalletValue {
  name: string;
  storage: { prefix: string; items: StorageItemValue[] } | undefined;
  calls: number | undefined;
  events: number | undefined;
  constants: Array<{ name: string; type: number; value: Hex; docs: string[] }>;
  errors: number | undefined;
  index: number;
  docs: string[];
}

export interface SignedExtensionValue {
  identifier: string;
  type: number;
  additionalSigned: number;
}

export interface MetadataV14Value {
  lookup: PortableType[];
  /** Pallet docs are not part of v14; the bindings' v14 codec skips them too. */
  pallets: PalletValue[];
  extrinsic: { type: number; version: number; signedExtensions: SignedExtensionValue[] };
  type: number;
  /** Not part of v14 (the bindings' v14 codec carries a no-op field). */
  apis: [];
}

export interface MetadataV15Value {
  lookup: PortableType[];
  pallets: PalletValue[];
  extrinsic: {
    version: number;
    address: number;
    call: number;
    signature: number;
    extra: number;
    signedExtensions: SignedExtensionValue[];
  };
  type: number;
  apis: Array<{
    name: string;
    methods: Array<{
      name: string;
      inputs: Array<{ name: string; type: number }>;
      output: number;
      docs: string[];
    }>;
    docs: string[];
  }>;
  outerEnums: { call: number; event: number; error: number };
  custom: Array<[string, { type: number; value: Hex }]>;
}

function storageItem(reg: TypeRegistry, e: StorageEntryMetadata): StorageItemValue {
  const t = e.type;
  return {
    name: e.name,
    modifier: e.modifier === "Optional" ? 0 : 1,
    type:
      t.kind === "plain"
        ? { tag: "plain", value: reg.id(t.value) }
        : {
            tag: "map",
            value: {
              hashers: t.hashers.map((h) => ({ tag: h.replace("_", "") as HasherTag, value: undefined })),
              key: reg.id(t.key),
              value: reg.id(t.value),
            },
          },
    fallback: toHex(e.default),
    docs: e.docs,
  };
}

function pallet(reg: TypeRegistry, p: PalletMetadata, withDocs: boolean): PalletValue {
  return {
    name: p.name,
    storage: p.storage && {
      prefix: p.storage.prefix,
      items: p.storage.entries.map((e) => storageItem(reg, e)),
    },
    calls: p.calls && reg.id(p.calls),
    events: p.event && reg.id(p.event),
    constants: p.constants.map((c) => ({
      name: c.name,
      type: reg.id(c.type),
      value: toHex(c.value),
      docs: c.docs,
    })),
    errors: p.error && reg.id(p.error),
    index: p.index,
    docs: withDocs ? p.docs : [],
  };
}

const signedExtensions = (reg: TypeRegistry, model: MetadataModel): SignedExtensionValue[] =>
  model.extrinsic.signedExtensions.map((s) => ({
    identifier: s.identifier,
    type: reg.id(s.type),
    additionalSigned: reg.id(s.additionalSigned),
  }));

/** The v14 metadata value. Ids follow first use: pallets in order, then extrinsic, then runtime. */
export function buildMetadataV14(model: MetadataModel): MetadataV14Value {
  const reg = new TypeRegistry();
  const pallets = model.pallets.map((p) => pallet(reg, p, false));
  const extrinsic = {
    type: reg.id(model.extrinsic.type),
    version: model.extrinsic.version,
    signedExtensions: signedExtensions(reg, model),
  };
  const type = reg.id(model.runtime);
  return { lookup: reg.types(), pallets, extrinsic, type, apis: [] };
}

/** The v15 metadata value. Ids follow first use, as for v14, then apis and outer enums. */
export function buildMetadataV15(model: MetadataModel): MetadataV15Value {
  const reg = new TypeRegistry();
  const pallets = model.pallets.map((p) => pallet(reg, p, true));
  // The UncheckedExtrinsic type is not named in v15, but registering it keeps ids aligned with v14
  // and keeps the type clients look up by path (polkadot.js finds Call through it).
  reg.id(model.extrinsic.type);
  const extrinsic = {
    version: model.extrinsic.version,
    address: reg.id(model.extrinsic.address),
    call: reg.id(model.extrinsic.call),
    signature: reg.id(model.extrinsic.signature),
    extra: reg.id(model.extrinsic.extra),
    signedExtensions: signedExtensions(reg, model),
  };
  const type = reg.id(model.runtime);
  const apis = model.apis.map((a) => ({
    name: a.name,
    methods: a.methods.map((m) => ({
      name: m.name,
      inputs: m.inputs.map((i) => ({ name: i.name, type: reg.id(i.type) })),
      output: reg.id(m.output),
      docs: m.docs,
    })),
    docs: a.docs,
  }));
  const outerEnums = {
    call: reg.id(model.outerEnums.call),
    event: reg.id(model.outerEnums.event),
    error: reg.id(model.outerEnums.error),
  };
  return { lookup: reg.types(), pallets, extrinsic, type, apis, outerEnums, custom: [] };
}

// --- SCALE writing, field by field in the order of frame-metadata's structs ---

const compact = (w: Writer, n: number) => writeCompact(w, n);

function str(w: Writer, s: string): void {
  const bytes = encodeUtf8(s);
  compact(w, bytes.length);
  w.bytes(bytes);
}

function vec<T>(w: Writer, items: readonly T[], each: (w: Writer, item: T) => void): void {
  compact(w, items.length);
  for (const item of items) each(w, item);
}

function option<T>(w: Writer, value: T | undefined, some: (w: Writer, v: T) => void): void {
  if (value === undefined) {
    w.byte(0);
    return;
  }
  w.byte(1);
  some(w, value);
}

function u32(w: Writer, n: number): void {
  w.u32(n);
}

function hexBytes(w: Writer, hex: Hex): void {
  const bytes = fromHex(hex);
  compact(w, bytes.length);
  w.bytes(bytes);
}

const docs = (w: Writer, d: readonly string[]) => vec(w, d, str);

function field(w: Writer, f: PortableField): void {
  option(w, f.name, str);
  compact(w, f.type);
  option(w, f.typeName, str);
  docs(w, f.docs);
}

function portableType(w: Writer, t: PortableType): void {
  compact(w, t.id);
  docs(w, t.path);
  vec(w, t.params, (w, p) => {
    str(w, p.name);
    option(w, p.type, compact);
  });
  const d = t.def;
  switch (d.tag) {
    case "composite":
      w.byte(0);
      vec(w, d.value, field);
      break;
    case "variant":
      w.byte(1);
      vec(w, d.value, (w, v) => {
        str(w, v.name);
        vec(w, v.fields, field);
        w.byte(v.index);
        docs(w, v.docs);
      });
      break;
    case "sequence":
      w.byte(2);
      compact(w, d.value);
      break;
    case "array":
      w.byte(3);
      u32(w, d.value.len);
      compact(w, d.value.type);
      break;
    case "tuple":
      w.byte(4);
      vec(w, d.value, compact);
      break;
    case "primitive":
      w.byte(5);
      w.byte(PRIMITIVES.indexOf(d.value.tag));
      break;
    case "compact":
      w.byte(6);
      compact(w, d.value);
      break;
  }
  docs(w, t.docs);
}

function storageEntry(w: Writer, e: StorageItemValue): void {
  str(w, e.name);
  w.byte(e.modifier);
  if (e.type.tag === "plain") {
    w.byte(0);
    compact(w, e.type.value);
  } else {
    w.byte(1);
    vec(w, e.type.value.hashers, (w, h) => {
      w.byte(STORAGE_HASHERS.findIndex((name) => name.replace("_", "") === h.tag));
    });
    compact(w, e.type.value.key);
    compact(w, e.type.value.value);
  }
  hexBytes(w, e.fallback);
  docs(w, e.docs);
}

function palletValue(w: Writer, p: PalletValue, withDocs: boolean): void {
  str(w, p.name);
  option(w, p.storage, (w, s) => {
    str(w, s.prefix);
    vec(w, s.items, storageEntry);
  });
  option(w, p.calls, compact);
  option(w, p.events, compact);
  vec(w, p.constants, (w, c) => {
    str(w, c.name);
    compact(w, c.type);
    hexBytes(w, c.value);
    docs(w, c.docs);
  });
  option(w, p.errors, compact);
  w.byte(p.index);
  if (withDocs) docs(w, p.docs);
}

function signedExtension(w: Writer, s: SignedExtensionValue): void {
  str(w, s.identifier);
  compact(w, s.type);
  compact(w, s.additionalSigned);
}

/** `RuntimeMetadataPrefixed` bytes of a v14 value. */
export function writeMetadataV14(m: MetadataV14Value): Uint8Array {
  const w = new Writer(1 << 16);
  u32(w, METADATA_MAGIC);
  w.byte(14);
  vec(w, m.lookup, portableType);
  vec(w, m.pallets, (w, p) => palletValue(w, p, false));
  compact(w, m.extrinsic.type);
  w.byte(m.extrinsic.version);
  vec(w, m.extrinsic.signedExtensions, signedExtension);
  compact(w, m.type);
  return w.finish();
}

/** `RuntimeMetadataPrefixed` bytes of a v15 value. */
export function writeMetadataV15(m: MetadataV15Value): Uint8Array {
  const w = new Writer(1 << 16);
  u32(w, METADATA_MAGIC);
  w.byte(15);
  vec(w, m.lookup, portableType);
  vec(w, m.pallets, (w, p) => palletValue(w, p, true));
  const x = m.extrinsic;
  w.byte(x.version);
  compact(w, x.address);
  compact(w, x.call);
  compact(w, x.signature);
  compact(w, x.extra);
  vec(w, x.signedExtensions, signedExtension);
  compact(w, m.type);
  vec(w, m.apis, (w, a) => {
    str(w, a.name);
    vec(w, a.methods, (w, method) => {
      str(w, method.name);
      vec(w, method.inputs, (w, i) => {
        str(w, i.name);
        compact(w, i.type);
      });
      compact(w, method.output);
      docs(w, method.docs);
    });
    docs(w, a.docs);
  });
  compact(w, m.outerEnums.call);
  compact(w, m.outerEnums.event);
  compact(w, m.outerEnums.error);
  // A BTreeMap: sorted by key.
  const custom = [...m.custom].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  vec(w, custom, (w, [name, c]) => {
    str(w, name);
    compact(w, c.type);
    hexBytes(w, c.value);
  });
  return w.finish();
}

/** `RuntimeMetadataPrefixed` bytes (magic, version byte, body) of the model at `version`. */
export function encodeMetadata(model: MetadataModel, version: MetadataVersion): Uint8Array {
  if (version === 14) return writeMetadataV14(buildMetadataV14(model));
  if (version === 15) return writeMetadataV15(buildMetadataV15(model));
  throw new FrameError(
    "METADATA_UNSUPPORTED_VERSION",
    `metadata version ${version} is not supported (14 and 15 are)`,
  );
}

/** The versions `Metadata_metadata_at_version` serves. */
export function metadataVersions(): number[] {
  return [...SUPPORTED_METADATA_VERSIONS];
}
