/**
 * The relay runtime's APIs (`impl_runtime_apis!`), with Substrate's names, versions and types
 * (ecosystem.md §3): what the node, polkadot.js and polkadot-api call.
 */
import {
  ApplyExtrinsicResultCodec,
  CheckInherentsResultCodec,
  defineApi,
  ExtrinsicInclusionModeCodec,
  encodeMetadata,
  InherentDataCodec,
  type MetadataModel,
  metadataVersions,
  method,
  OpaqueMetadata,
  PresetIdCodec,
  RuntimeApis,
  type RuntimeVersion,
  RuntimeVersionCodec,
  runtimeMetadataModel,
  TransactionRejected,
  TransactionSourceCodec,
  TransactionValidityCodec,
  uncheckedExtrinsicDesc,
  Weight,
} from "@canary/frame";
import {
  AccountId32,
  Bytes,
  blockCodec,
  type Codec,
  H256,
  Header,
  OpaqueExtrinsic,
  Option,
  Result,
  str,
  u32,
  u128,
  unit,
  Vec,
} from "@canary/primitives";
import {
  FeeDetailsCodec,
  feeDetails,
  lengthToFeeOf,
  queryInfo,
  RuntimeDispatchInfoCodec,
  weightToFeeOf,
} from "./fees.ts";
import { buildState, getPreset, presetNames } from "./genesis.ts";
import { checkInherents, inherentExtrinsics } from "./inherents.ts";
import type { Relay } from "./runtime.ts";
import { decodeSessionKeys, generateSessionKeys, SessionKeysOutput } from "./sessionKeys.ts";

export function relayApis(relay: Relay, version: () => RuntimeVersion): RuntimeApis {
  const { runtime, executive, extensions, pallets } = relay;
  const executiveSystem = pallets.system.api.executive;
  // The runtime's UncheckedExtrinsic in metadata; on the wire the same bytes as an opaque one.
  const Xt: Codec<Uint8Array> = { ...OpaqueExtrinsic, desc: uncheckedExtrinsicDesc(runtime, extensions) };
  const RelayBlock = blockCodec(Xt.desc);
  let model: MetadataModel | undefined;
  // Built on first use: a pure function of the code, so caching it keeps the runtime stateless.
  const metadata = () => (model ??= runtimeMetadataModel(runtime, extensions, apis));

  const apis: RuntimeApis = new RuntimeApis([
    defineApi("Core", 5, {
      version: method([], RuntimeVersionCodec, version),
      execute_block: method([["block", RelayBlock]], unit, (block) => executive.executeBlock(block)),
      initialize_block: method([["header", Header]], ExtrinsicInclusionModeCodec, (header) => {
        executive.initializeBlock(header);
        return { tag: "AllExtrinsics" } as const;
      }),
    }),
    defineApi("Metadata", 2, {
      metadata: method([], OpaqueMetadata, () => encodeMetadata(metadata(), 14)),
      metadata_at_version: method([["version", u32]], Option(OpaqueMetadata), (version) =>
        version === 14 || version === 15 ? encodeMetadata(metadata(), version) : undefined,
      ),
      metadata_versions: method([], Vec(u32), metadataVersions),
    }),
    defineApi("BlockBuilder", 6, {
      apply_extrinsic: method([["extrinsic", Xt]], ApplyExtrinsicResultCodec, (xt) => {
        const result = executive.applyExtrinsic(xt);
        if (!result.ok) return result;
        const outcome = result.value;
        const value = outcome.ok
          ? ({ ok: true, value: undefined } as const)
          : ({ ok: false, error: outcome.error } as const);
        return { ok: true, value } as const;
      }),
      finalize_block: method([], Header, () => executive.finalizeBlock()),
      inherent_extrinsics: method([["inherent", InherentDataCodec]], Vec(Xt), (data) =>
        inherentExtrinsics(relay, data),
      ),
      check_inherents: method(
        [
          ["block", RelayBlock],
          ["data", InherentDataCodec],
        ],
        CheckInherentsResultCodec,
        (block, data) => checkInherents(relay, block, data),
      ),
    }),
    defineApi("TaggedTransactionQueue", 3, {
      validate_transaction: method(
        [
          ["source", TransactionSourceCodec],
          ["tx", Xt],
          ["block_hash", H256],
        ],
        TransactionValidityCodec,
        (source, tx, blockHash) => {
          try {
            return { ok: true as const, value: executive.validateTransaction(source.tag, tx, blockHash) };
          } catch (e) {
            if (e instanceof TransactionRejected) return { ok: false as const, error: e.error };
            throw e;
          }
        },
      ),
    }),
    defineApi("AccountNonceApi", 1, {
      account_nonce: method([["account", AccountId32]], u32, (who) => executiveSystem.accountNonce(who)),
    }),
    defineApi("TransactionPaymentApi", 4, {
      query_info: method(
        [
          ["uxt", Xt],
          ["len", u32],
        ],
        RuntimeDispatchInfoCodec,
        (uxt, len) => queryInfo(relay, uxt, len),
      ),
      query_fee_details: method(
        [
          ["uxt", Xt],
          ["len", u32],
        ],
        FeeDetailsCodec,
        (uxt, len) => feeDetails(relay, uxt, len),
      ),
      query_weight_to_fee: method([["weight", Weight]], u128, (w) => weightToFeeOf(relay, w)),
      query_length_to_fee: method([["length", u32]], u128, (l) => lengthToFeeOf(relay, l)),
    }),
    defineApi("SessionKeys", 1, {
      generate_session_keys: method([["seed", Option(Bytes)]], Bytes, generateSessionKeys),
      decode_session_keys: method([["encoded", Bytes]], SessionKeysOutput, decodeSessionKeys),
    }),
    defineApi("GenesisBuilder", 1, {
      build_state: method([["json", Bytes]], Result(unit, str), (json) => buildState(relay, json)),
      get_preset: method([["id", Option(PresetIdCodec)]], Option(Bytes), getPreset),
      preset_names: method([], Vec(PresetIdCodec), presetNames),
    }),
  ]);
  return apis;
}
