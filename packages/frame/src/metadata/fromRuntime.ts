/**
 * The metadata model of a composed runtime: its pallets, the extrinsic format with the signed
 * extensions the runtime lists, the outer enums and the runtime APIs (ecosystem.md §2).
 */
import { Bytes, MultiAddress, MultiSignature, type TypeDesc } from "@canary/primitives";
import type { TransactionExtensions } from "../executive/extensions.ts";
import type { Runtime } from "../runtime.ts";
import type { RuntimeApis } from "../runtimeApi.ts";
import type { MetadataModel } from "./model.ts";

/** `sp_runtime::generic::UncheckedExtrinsic<Address, Call, Signature, Extra>` of `runtime`. */
export function uncheckedExtrinsicDesc(runtime: Runtime, extensions: TransactionExtensions): TypeDesc {
  return {
    kind: "composite",
    path: ["sp_runtime", "generic", "unchecked_extrinsic", "UncheckedExtrinsic"],
    params: [
      { name: "Address", type: MultiAddress.desc },
      { name: "Call", type: runtime.callCodec.desc },
      { name: "Signature", type: MultiSignature.desc },
      { name: "Extra", type: extensions.extra.desc },
    ],
    // As FRAME's TypeInfo: raw bytes behind a length prefix; clients decode them by this path.
    fields: [{ type: Bytes.desc, typeName: "Vec<u8>" }],
    docs: ["UncheckedExtrinsic raw bytes, requires custom decoding routine"],
  };
}

export function runtimeMetadataModel(
  runtime: Runtime,
  extensions: TransactionExtensions,
  apis: RuntimeApis,
): MetadataModel {
  return {
    pallets: runtime.metadataPallets(),
    extrinsic: {
      version: 4,
      type: uncheckedExtrinsicDesc(runtime, extensions),
      address: MultiAddress.desc,
      call: runtime.callCodec.desc,
      signature: MultiSignature.desc,
      extra: extensions.extra.desc,
      signedExtensions: extensions.extensions.map((e) => ({
        identifier: e.identifier,
        type: e.extra.desc,
        additionalSigned: e.additionalSigned.desc,
      })),
    },
    runtime: { kind: "composite", path: [runtime.crate, "Runtime"], fields: [] },
    outerEnums: { call: runtime.callCodec.desc, event: runtime.eventCodec.desc, error: runtime.errorDesc },
    apis: apis.metadata(),
  };
}
