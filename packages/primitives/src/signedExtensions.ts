/**
 * Signed extensions as data: each has an identifier, the "extra" it puts in a signed extrinsic and
 * the "additional signed" data the signer commits to without sending it. The combined codecs read
 * and write the extensions in list order; the same list gives the metadata entries.
 */
import { Era } from "./era.ts";
import { DecodeError, EncodeError } from "./errors.ts";
import { Hash256 } from "./header.ts";
import { FixedBytes } from "./scale/bytes.ts";
import { type Codec, type FieldDesc, makeCodec, type TypeDesc } from "./scale/codec.ts";
import { compactU32, compactU128 } from "./scale/compact.ts";
import { mapCodec, Option, unit } from "./scale/composite.ts";
import { u32 } from "./scale/ints.ts";

export interface SignedExtension {
  readonly identifier: string;
  /** Codec of the value carried in the extrinsic; its desc is the extension's own type. */
  // biome-ignore lint/suspicious/noExplicitAny: the list mixes value types; keys give them names.
  readonly extra: Codec<any>;
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  readonly additionalSigned: Codec<any>;
  /** Property of the combined extra value that holds this extension's extra; none for `()`. */
  readonly extraKey?: string;
  /** Property of the combined additional value that holds this extension's additional; none for `()`. */
  readonly additionalKey?: string;
}

export interface ExtensionSet<X, A> {
  readonly extensions: readonly SignedExtension[];
  /** All extras in order; its desc is the tuple metadata names as the extrinsic's `Extra`. */
  readonly extra: Codec<X>;
  readonly additionalSigned: Codec<A>;
}

const isUnit = (d: TypeDesc): boolean =>
  (d.kind === "tuple" && d.items.length === 0) || (d.kind === "composite" && d.fields.length === 0);

function combine<T>(
  parts: ReadonlyArray<{ codec: Codec<unknown>; key: string | undefined; id: string }>,
  what: string,
): Codec<T> {
  for (const p of parts)
    if (p.key === undefined && !isUnit(p.codec.desc))
      throw new Error(`${what}: extension ${p.id} carries data, so it needs a key`);
  return makeCodec<T>(
    { kind: "tuple", items: parts.map((p) => p.codec.desc) },
    parts.reduce((n, p) => n + p.codec.minSize, 0),
    (w, v) => {
      for (const p of parts)
        p.codec.write(w, p.key === undefined ? undefined : (v as Record<string, unknown>)[p.key]);
    },
    (r) => {
      const out: Record<string, unknown> = {};
      for (const p of parts) {
        const value = p.codec.read(r);
        if (p.key !== undefined) out[p.key] = value;
      }
      return out as T;
    },
    what,
  );
}

export function extensionSet<X, A>(extensions: readonly SignedExtension[]): ExtensionSet<X, A> {
  return {
    extensions,
    extra: combine<X>(
      extensions.map((e) => ({ codec: e.extra, key: e.extraKey, id: e.identifier })),
      "SignedExtensions.extra",
    ),
    additionalSigned: combine<A>(
      extensions.map((e) => ({ codec: e.additionalSigned, key: e.additionalKey, id: e.identifier })),
      "SignedExtensions.additionalSigned",
    ),
  };
}

/** An extension's own type: `path<T>` (T is the runtime, skipped) holding `fields`. */
function extensionType<V>(inner: Codec<V>, path: string[], fields: FieldDesc[]): Codec<V> {
  return mapCodec(
    inner,
    (v) => v,
    (v) => v,
    path.at(-1),
    {
      kind: "composite",
      path,
      params: [{ name: "T" }],
      fields,
    },
  );
}

const system = (module: string, name: string): string[] => ["frame_system", "extensions", module, name];

/** CheckMetadataHash mode: 0 Disabled, 1 Enabled (RFC-78 metadata hash in additional signed). */
export type MetadataHashMode = 0 | 1;

export const MetadataHashMode: Codec<MetadataHashMode> = makeCodec<MetadataHashMode>(
  {
    kind: "variant",
    path: ["frame_metadata_hash_extension", "Mode"],
    variants: [
      { name: "Disabled", index: 0, fields: [] },
      { name: "Enabled", index: 1, fields: [] },
    ],
  },
  1,
  (w, v) => {
    if (v !== 0 && v !== 1) throw new EncodeError("Mode", `${v} is neither 0 (Disabled) nor 1 (Enabled)`);
    w.byte(v);
  },
  (r) => {
    const b = r.byte("Mode");
    if (b > 1) throw new DecodeError("unknown-variant", "Mode", `no variant with index ${b}`);
    return b as MetadataHashMode;
  },
  "Mode",
);

const noData = (path: string[]) => extensionType(unit, path, []);

/** Kusama's extensions, in Kusama's order; the extra and additional types of each as Substrate's. */
export const CANARY_SIGNED_EXTENSIONS: readonly SignedExtension[] = [
  {
    identifier: "CheckNonZeroSender",
    extra: noData(system("check_non_zero_sender", "CheckNonZeroSender")),
    additionalSigned: unit,
  },
  {
    identifier: "CheckSpecVersion",
    extra: noData(system("check_spec_version", "CheckSpecVersion")),
    additionalSigned: u32,
    additionalKey: "specVersion",
  },
  {
    identifier: "CheckTxVersion",
    extra: noData(system("check_tx_version", "CheckTxVersion")),
    additionalSigned: u32,
    additionalKey: "txVersion",
  },
  {
    identifier: "CheckGenesis",
    extra: noData(system("check_genesis", "CheckGenesis")),
    additionalSigned: Hash256,
    additionalKey: "genesisHash",
  },
  {
    identifier: "CheckMortality",
    extra: extensionType(Era, system("check_mortality", "CheckMortality"), [
      { type: Era.desc, typeName: "Era" },
    ]),
    extraKey: "era",
    additionalSigned: Hash256,
    additionalKey: "birthHash",
  },
  {
    identifier: "CheckNonce",
    extra: extensionType(compactU32, system("check_nonce", "CheckNonce"), [
      { type: compactU32.desc, typeName: "T::Nonce" },
    ]),
    extraKey: "nonce",
    additionalSigned: unit,
  },
  {
    identifier: "CheckWeight",
    extra: noData(system("check_weight", "CheckWeight")),
    additionalSigned: unit,
  },
  {
    identifier: "ChargeTransactionPayment",
    extra: extensionType(
      compactU128,
      ["pallet_transaction_payment", "ChargeTransactionPayment"],
      [{ type: compactU128.desc, typeName: "BalanceOf<T>" }],
    ),
    extraKey: "tip",
    additionalSigned: unit,
  },
  {
    identifier: "CheckMetadataHash",
    extra: extensionType(
      MetadataHashMode,
      ["frame_metadata_hash_extension", "CheckMetadataHash"],
      [{ name: "mode", type: MetadataHashMode.desc, typeName: "Mode" }],
    ),
    extraKey: "metadataHashMode",
    additionalSigned: Option(FixedBytes(32, "metadata hash")),
    additionalKey: "metadataHash",
  },
];

/** What a Canary signed extrinsic carries for its extensions. */
export interface CanaryExtra {
  era: Era;
  nonce: number;
  tip: bigint;
  metadataHashMode: MetadataHashMode;
}

/** What a Canary signer commits to besides call and extra. */
export interface CanaryAdditional {
  specVersion: number;
  txVersion: number;
  genesisHash: Uint8Array;
  /** Hash of the era's birth block; the genesis hash for an immortal transaction. */
  birthHash: Uint8Array;
  /** The RFC-78 metadata hash when mode is Enabled, else undefined. */
  metadataHash: Uint8Array | undefined;
}

export const canaryExtensions: ExtensionSet<CanaryExtra, CanaryAdditional> =
  extensionSet(CANARY_SIGNED_EXTENSIONS);
export const CanaryExtra: Codec<CanaryExtra> = canaryExtensions.extra;
export const CanaryAdditional: Codec<CanaryAdditional> = canaryExtensions.additionalSigned;
