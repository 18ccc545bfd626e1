/** `sp_version::RuntimeVersion`, returned by `Core_version` and kept in the `System.Version` constant. */
import { FixedBytes, Struct, str, Tuple, u8, u32, Vec, withIdentity } from "@canary/primitives";

export interface RuntimeVersion {
  spec_name: string;
  impl_name: string;
  authoring_version: number;
  spec_version: number;
  impl_version: number;
  /** (blake2_64 of the API name, version) for every runtime API the runtime implements. */
  apis: Array<[Uint8Array, number]>;
  transaction_version: number;
  /** 1: storage uses trie version 1 and extrinsics trie version 0 (RFC-0042); Kusama's value. */
  system_version: number;
}

export const RuntimeVersionCodec = withIdentity(
  Struct(
    {
      spec_name: str,
      impl_name: str,
      authoring_version: u32,
      spec_version: u32,
      impl_version: u32,
      apis: Vec(Tuple(FixedBytes(8), u32)),
      transaction_version: u32,
      system_version: u8,
    },
    "RuntimeVersion",
  ),
  { path: ["sp_version", "RuntimeVersion"] },
);
