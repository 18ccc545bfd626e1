/**
 * The rest of a Substrate node's JSON-RPC surface (issue 13): storage history and prefixes,
 * child state, `system_dryRun`, `payment_queryFeeDetails`, `author_insertKey` and
 * `author_removeExtrinsic`, log filters, and Substrate's method aliases. Unsafe where sc-rpc
 * checks `check_if_safe`.
 */
import { keypairFromSuri, type Scheme } from "@canary/crypto";
import {
  ApplyExtrinsicResultCodec,
  BlockBuilderApi,
  type FeeDetails,
  TransactionPaymentApi,
} from "@canary/frame";
import { blake2_256, bytesEqual, toHex } from "@canary/primitives";
import { apiAt } from "../../chain/index.ts";
import { invalidParams, RPC_CODES, RpcError } from "../errors.ts";
import type { Params, RpcServer } from "../rpcServer.ts";
import { registerChildState } from "./childState.ts";
import { withClientErrors } from "./clientErrors.ts";
import type { NodeInfo } from "./legacy.ts";
import { arg, blockAt, bytesArg, isOpaqueExtrinsic } from "./params.ts";
import { getKeys, getPairs, queryStorage } from "./stateQueries.ts";

/** Substrate's aliases (`#[method(name = …, aliases = […])]` in sc-rpc-api), alias → method. */
export const SUBSTRATE_ALIASES: ReadonlyArray<readonly [string, string]> = [
  ["chain_getHead", "chain_getBlockHash"],
  ["subscribe_newHead", "chain_subscribeNewHeads"],
  ["unsubscribe_newHead", "chain_unsubscribeNewHeads"],
  ["state_callAt", "state_call"],
  ["state_getKeysPagedAt", "state_getKeysPaged"],
  ["state_getStorageHashAt", "state_getStorageHash"],
  ["state_getStorageSizeAt", "state_getStorageSize"],
  ["chain_subscribeRuntimeVersion", "state_subscribeRuntimeVersion"],
  ["chain_unsubscribeRuntimeVersion", "state_unsubscribeRuntimeVersion"],
  ["account_nextIndex", "system_accountNextIndex"],
  ["system_dryRunAt", "system_dryRun"],
];

/** The extrinsic parameter, refused with `decodeError()` unless it is a whole SCALE `Vec<u8>`. */
function opaqueExtrinsic(params: Params, what: string, decodeError: () => RpcError): Uint8Array {
  const bytes = bytesArg(params, 0, what);
  if (!isOpaqueExtrinsic(bytes)) throw decodeError();
  return bytes;
}

export function registerSubstrateExtras(server: RpcServer, node: NodeInfo): void {
  const { chain, pool } = node;
  const reg = (name: string, handler: Parameters<RpcServer["register"]>[1], o?: { unsafe?: boolean }) =>
    server.register(name, withClientErrors(name, handler), o);

  // --- state ---
  reg("state_getKeys", (params) => getKeys(chain, params));
  reg("state_getPairs", (params) => getPairs(chain, params), { unsafe: true });
  reg("state_queryStorage", (params) => queryStorage(chain, params), { unsafe: true });
  registerChildState({ register: reg, alias: (a, n) => server.alias(a, n) }, chain);

  // --- system_dryRun: BlockBuilder_apply_extrinsic on the block's state, its writes dropped ---
  reg(
    "system_dryRun",
    (params) => {
      const xt = opaqueExtrinsic(
        params,
        "extrinsic",
        () =>
          new RpcError(
            RPC_CODES.decodeError,
            "Unable to dry run extrinsic",
            "the bytes are not an extrinsic",
          ),
      );
      const at = blockAt(chain, params, 1);
      try {
        return toHex(ApplyExtrinsicResultCodec.enc(apiAt(chain, at, BlockBuilderApi).apply_extrinsic(xt)));
      } catch (e) {
        throw new RpcError(RPC_CODES.runtimeError, "Unable to dry run extrinsic", (e as Error).message);
      }
    },
    { unsafe: true },
  );

  // --- payment ---
  reg("payment_queryFeeDetails", (params) => {
    const xt = opaqueExtrinsic(
      params,
      "extrinsic",
      () =>
        new RpcError(RPC_CODES.decodeError, "Unable to query fee details.", "the bytes are not an extrinsic"),
    );
    const at = blockAt(chain, params, 1);
    let details: FeeDetails;
    try {
      details = apiAt(chain, at, TransactionPaymentApi).query_fee_details(xt, xt.length);
    } catch (e) {
      throw new RpcError(RPC_CODES.runtimeError, "Unable to query fee details.", (e as Error).message);
    }
    // NumberOrHex from u128: hex strings; the tip is not serialized (serde skip), as in Substrate.
    const hex = (v: bigint) => `0x${v.toString(16)}`;
    const fee = details.inclusion_fee;
    return {
      inclusionFee: fee
        ? {
            baseFee: hex(fee.base_fee),
            lenFee: hex(fee.len_fee),
            adjustedWeightFee: hex(fee.adjusted_weight_fee),
          }
        : null,
    };
  });

  // --- author ---
  reg(
    "author_insertKey",
    (params) => {
      const [keyType, suri, publicHex] = [arg(params, 0), arg(params, 1), bytesArg(params, 2, "public key")];
      if (typeof keyType !== "string" || new TextEncoder().encode(keyType).length !== 4)
        throw new RpcError(RPC_CODES.badKeyType, "Invalid key type ID format (should be of length four)");
      if (typeof suri !== "string") throw invalidParams("the secret URI is a string");
      if (!node.keystore) throw new RpcError(RPC_CODES.authorOther, "The key store is unavailable");
      // Canary's keystore files a key under the public key it gives: find the scheme that gives it.
      const scheme = (["sr25519", "ed25519", "ecdsa"] as Scheme[]).find((s) => {
        try {
          return bytesEqual(keypairFromSuri(suri, s).publicKey, publicHex);
        } catch {
          return false;
        }
      });
      if (!scheme)
        throw invalidParams("the secret URI does not give this public key (as sr25519, ed25519 or ecdsa)");
      node.keystore.generate(scheme, new TextEncoder().encode(keyType), new TextEncoder().encode(suri));
      return null;
    },
    { unsafe: true },
  );
  reg(
    "author_removeExtrinsic",
    (params) => {
      const list = arg(params, 0);
      if (!Array.isArray(list))
        throw invalidParams('expected an array of {"hash": "0x…"} or {"extrinsic": "0x…"}');
      const hashes = list.map((item, i) => {
        const o = item as { hash?: unknown; extrinsic?: unknown } | null;
        if (o && typeof o.hash === "string") return bytesArg([o.hash], 0, `[${i}].hash`);
        if (o && typeof o.extrinsic === "string")
          return blake2_256(bytesArg([o.extrinsic], 0, `[${i}].extrinsic`));
        throw invalidParams(`[${i}] must be {"hash": "0x…"} or {"extrinsic": "0x…"}`);
      });
      const removed: string[] = [];
      for (const hash of hashes) {
        if (!pool.pending().some((t) => bytesEqual(t.hash, hash))) continue;
        pool.reject(hash, "removed by author_removeExtrinsic");
        removed.push(toHex(hash));
      }
      return removed;
    },
    { unsafe: true },
  );

  // --- log filters ---
  reg(
    "system_addLogFilter",
    (params) => {
      const directives = arg(params, 0);
      if (typeof directives !== "string") throw invalidParams("directives are a string, e.g. sync=debug");
      if (!node.logFilter)
        throw new RpcError(RPC_CODES.systemInternal, "this node's log has no filter to change");
      try {
        node.logFilter.add(directives);
      } catch (e) {
        throw invalidParams((e as Error).message);
      }
      return null;
    },
    { unsafe: true },
  );
  reg(
    "system_resetLogFilter",
    () => {
      if (!node.logFilter)
        throw new RpcError(RPC_CODES.systemInternal, "this node's log has no filter to change");
      node.logFilter.reset();
      return null;
    },
    { unsafe: true },
  );

  for (const [alias, name] of SUBSTRATE_ALIASES) server.alias(alias, name);
}
