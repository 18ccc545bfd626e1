/**
 * The relay runtime's APIs (`impl_runtime_apis!`), with Substrate's names, versions and types
 * (ecosystem.md §3): what the node, polkadot.js and polkadot-api call. Each implements a
 * declaration from `@canary/frame`, the same one the node's clients are made from.
 */
import {
  AccountNonceApi,
  BabeApi,
  blockBuilderApi,
  coreApi,
  encodeMetadata,
  GenesisBuilderApi,
  GrandpaApi,
  implementApi,
  MetadataApi,
  type MetadataModel,
  metadataVersions,
  RuntimeApis,
  type RuntimeVersion,
  runtimeMetadataModel,
  SessionKeysApi,
  TransactionRejected,
  taggedTransactionQueueApi,
  transactionPaymentApi,
  uncheckedExtrinsicDesc,
} from "@canary/frame";
import { blockCodec, type Codec, OpaqueExtrinsic } from "@canary/primitives";
import { equivocationApis } from "./equivocationApis.ts";
import { feeDetails, lengthToFeeOf, queryInfo, weightToFeeOf } from "./fees.ts";
import { buildState, getPreset, presetNames } from "./genesis.ts";
import { checkInherents, inherentExtrinsics } from "./inherents.ts";
import type { Relay } from "./runtime.ts";
import { decodeSessionKeys, generateSessionKeys } from "./sessionKeys.ts";

export function relayApis(relay: Relay, version: () => RuntimeVersion): RuntimeApis {
  const { runtime, executive, extensions, pallets } = relay;
  const executiveSystem = pallets.system.api.executive;
  // The runtime's UncheckedExtrinsic in metadata; on the wire the same bytes as an opaque one.
  const Xt: Codec<Uint8Array> = { ...OpaqueExtrinsic, desc: uncheckedExtrinsicDesc(runtime, extensions) };
  const RelayBlock = blockCodec(Xt.desc);
  let model: MetadataModel | undefined;
  // Built on first use: a pure function of the code, so caching it keeps the runtime stateless.
  const metadata = () => (model ??= runtimeMetadataModel(runtime, extensions, apis));
  const equivocation = equivocationApis(relay);

  const apis: RuntimeApis = new RuntimeApis([
    implementApi(coreApi(RelayBlock), {
      version,
      execute_block: (block) => executive.executeBlock(block),
      initialize_block: (header) => {
        executive.initializeBlock(header);
        return { tag: "AllExtrinsics" } as const;
      },
    }),
    implementApi(MetadataApi, {
      metadata: () => encodeMetadata(metadata(), 14),
      metadata_at_version: (version) =>
        version === 14 || version === 15 ? encodeMetadata(metadata(), version) : undefined,
      metadata_versions: metadataVersions,
    }),
    implementApi(blockBuilderApi(Xt, RelayBlock), {
      apply_extrinsic: (xt) => {
        const result = executive.applyExtrinsic(xt);
        if (!result.ok) return result;
        const outcome = result.value;
        const value = outcome.ok
          ? ({ ok: true, value: undefined } as const)
          : ({ ok: false, error: outcome.error } as const);
        return { ok: true, value } as const;
      },
      finalize_block: () => executive.finalizeBlock(),
      inherent_extrinsics: (data) => inherentExtrinsics(relay, data),
      check_inherents: (block, data) => checkInherents(relay, block, data),
    }),
    implementApi(taggedTransactionQueueApi(Xt), {
      validate_transaction: (source, tx, blockHash) => {
        try {
          return { ok: true as const, value: executive.validateTransaction(source.tag, tx, blockHash) };
        } catch (e) {
          if (e instanceof TransactionRejected) return { ok: false as const, error: e.error };
          throw e;
        }
      },
    }),
    implementApi(AccountNonceApi, {
      account_nonce: (who) => executiveSystem.accountNonce(who),
    }),
    implementApi(transactionPaymentApi(Xt), {
      query_info: (uxt, len) => queryInfo(relay, uxt, len),
      query_fee_details: (uxt, len) => feeDetails(relay, uxt, len),
      query_weight_to_fee: (weight) => weightToFeeOf(relay, weight),
      query_length_to_fee: (length) => lengthToFeeOf(relay, length),
    }),
    implementApi(GrandpaApi, {
      grandpa_authorities: () => pallets.grandpa.api.authorities(),
      submit_report_equivocation_unsigned_extrinsic: (proof, owner) =>
        equivocation.submit("Grandpa", proof, owner),
      generate_key_ownership_proof: (_setId, authority) => equivocation.grandpaKeyOwnershipProof(authority),
      current_set_id: () => pallets.grandpa.api.currentSetId(),
    }),
    implementApi(BabeApi, {
      configuration: () => pallets.babe.api.configuration(),
      current_epoch_start: () => pallets.babe.api.currentEpochStart(),
      current_epoch: () => pallets.babe.api.currentEpoch(),
      next_epoch: () => pallets.babe.api.nextEpoch(),
      generate_key_ownership_proof: (_slot, authority) => equivocation.babeKeyOwnershipProof(authority),
      submit_report_equivocation_unsigned_extrinsic: (proof, owner) =>
        equivocation.submit("Babe", proof, owner),
    }),
    implementApi(SessionKeysApi, {
      generate_session_keys: generateSessionKeys,
      decode_session_keys: decodeSessionKeys,
    }),
    implementApi(GenesisBuilderApi, {
      build_state: (json) => buildState(relay, json),
      get_preset: getPreset,
      preset_names: presetNames,
    }),
  ]);
  return apis;
}
