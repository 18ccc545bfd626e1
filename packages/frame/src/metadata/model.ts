/**
 * The runtime's metadata as one model, built by the framework from pallet declarations and
 * encoded to V14 or V15 (ecosystem.md §2). Types are codec descriptions (`TypeDesc`); the encoder
 * assigns their registry ids.
 */
import type { StorageHasher, TypeDesc } from "@canary/primitives";

export interface StorageEntryMetadata {
  name: string;
  /** Optional: a missing value reads as None. Default: a missing value reads as `default`. */
  modifier: "Optional" | "Default";
  type:
    | { kind: "plain"; value: TypeDesc }
    | { kind: "map"; hashers: StorageHasher[]; key: TypeDesc; value: TypeDesc };
  /** SCALE bytes returned for a missing key (for Optional entries: `0x00`). */
  default: Uint8Array;
  docs: string[];
}

export interface ConstantMetadata {
  name: string;
  type: TypeDesc;
  value: Uint8Array;
  docs: string[];
}

export interface PalletMetadata {
  name: string;
  index: number;
  storage?: { prefix: string; entries: StorageEntryMetadata[] };
  /** Variant types; the variant index is the call, event or error index. */
  calls?: TypeDesc;
  event?: TypeDesc;
  error?: TypeDesc;
  constants: ConstantMetadata[];
  docs: string[];
}

export interface SignedExtensionMetadata {
  identifier: string;
  type: TypeDesc;
  additionalSigned: TypeDesc;
}

export interface RuntimeApiMethodMetadata {
  name: string;
  inputs: Array<{ name: string; type: TypeDesc }>;
  output: TypeDesc;
  docs: string[];
}

export interface RuntimeApiMetadata {
  name: string;
  methods: RuntimeApiMethodMetadata[];
  docs: string[];
}

export interface MetadataModel {
  pallets: PalletMetadata[];
  extrinsic: {
    version: number;
    /** The UncheckedExtrinsic type (path sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic, params Address, Call, Signature, Extra). */
    type: TypeDesc;
    address: TypeDesc;
    call: TypeDesc;
    signature: TypeDesc;
    extra: TypeDesc;
    signedExtensions: SignedExtensionMetadata[];
  };
  /** The `Runtime` type (an empty composite with the runtime's path). */
  runtime: TypeDesc;
  outerEnums: { call: TypeDesc; event: TypeDesc; error: TypeDesc };
  apis: RuntimeApiMetadata[];
}
