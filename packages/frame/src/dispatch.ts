/**
 * What dispatching needs across pallets, declared once: the outcome of a call, the dispatcher
 * (a composed runtime is one; Utility, Sudo and governance pallets dispatch the calls they carry),
 * `DispatchResult` for events, and the account lookup of Kusama's `AccountIdLookup`.
 */
import { type AccountId32, type MultiAddress, Result, unit } from "@canary/primitives";
import { type DispatchError, DispatchErrorCodec, DispatchFailure } from "./dispatchError.ts";
import type { Origin } from "./origin.ts";
import type { PalletCall } from "./pallet.ts";
import type { DispatchInfo, PostDispatchInfo } from "./weights.ts";

/** A call to any pallet: `{ tag: palletName, value: { tag: callName, value: args } }`. */
export interface RuntimeCall {
  tag: string;
  value: PalletCall;
}

export type DispatchOutcome =
  | { ok: true; post: PostDispatchInfo }
  | { ok: false; error: DispatchError; post: PostDispatchInfo };

/** What a pallet that carries calls needs of its runtime. */
export interface Dispatcher {
  dispatch(origin: Origin, call: RuntimeCall): DispatchOutcome;
  info(call: RuntimeCall): DispatchInfo;
}

/** `DispatchResult = Result<(), DispatchError>`, as in events' `result` fields. */
export const DispatchResult = Result(unit, DispatchErrorCodec);

/** A dispatch outcome as an event's `DispatchResult` value. */
export function dispatchResult(outcome: DispatchOutcome) {
  return outcome.ok ? { ok: true as const, value: undefined } : { ok: false as const, error: outcome.error };
}

/** Kusama's `AccountIdLookup` without an indices pallet: only `MultiAddress::Id` names an account. */
export function lookupAccount(address: MultiAddress): AccountId32 {
  if (address.tag === "Id") return address.value;
  throw new DispatchFailure({ tag: "CannotLookup" });
}
