/** System's stored types, with FRAME's type paths so clients decode them from metadata. */

import type { RuntimeCall, Weight as WeightValue } from "@canary/frame";
import { Weight } from "@canary/frame";
import {
  AccountId32,
  bool,
  type Codec,
  compactU32,
  Enum,
  type EnumValue,
  H256,
  Struct,
  str,
  u32,
  u128,
  Vec,
  withIdentity,
} from "@canary/primitives";

export { AccountId32 };

/**
 * The account data System stores for each account. It is Balances' `AccountData` (Canary's
 * runtime, like Kusama's, keeps balances in System's account record); `flags` marks the new
 * reference-counting logic as FRAME does (bit 127).
 */
export const AccountData = withIdentity(
  Struct({ free: u128, reserved: u128, frozen: u128, flags: u128 }, "AccountData"),
  { path: ["pallet_balances", "types", "AccountData"], params: [{ name: "Balance", type: u128.desc }] },
);
export interface AccountData {
  free: bigint;
  reserved: bigint;
  frozen: bigint;
  flags: bigint;
}

/** `flags` of a fresh account: only the "new logic" bit set, as FRAME writes it. */
export const NEW_LOGIC_FLAG = 1n << 127n;

export const AccountInfo = withIdentity(
  Struct({ nonce: u32, consumers: u32, providers: u32, sufficients: u32, data: AccountData }, "AccountInfo"),
  {
    path: ["frame_system", "AccountInfo"],
    params: [
      { name: "Nonce", type: u32.desc },
      { name: "AccountData", type: AccountData.desc },
    ],
  },
);
export interface AccountInfo {
  nonce: number;
  consumers: number;
  providers: number;
  sufficients: number;
  data: AccountData;
}

export const DEFAULT_ACCOUNT: AccountInfo = {
  nonce: 0,
  consumers: 0,
  providers: 0,
  sufficients: 0,
  data: { free: 0n, reserved: 0n, frozen: 0n, flags: NEW_LOGIC_FLAG },
};

const phaseVariants = { ApplyExtrinsic: [0, u32], Finalization: [1], Initialization: [2] } as const;
export const Phase = withIdentity(Enum(phaseVariants, "Phase"), { path: ["frame_system", "Phase"] });
export type Phase = EnumValue<typeof phaseVariants>;

/** `EventRecord<RuntimeEvent, Hash>` of the runtime whose event type is `event`. */
export function EventRecord(event: Codec<RuntimeCall>) {
  return withIdentity(Struct({ phase: Phase, event, topics: Vec(H256) }, "EventRecord"), {
    path: ["frame_system", "EventRecord"],
    params: [
      { name: "E", type: event.desc },
      { name: "T", type: H256.desc },
    ],
  });
}

/** Weight consumed so far in the block, per dispatch class (`PerDispatchClass<Weight>`). */
export const ConsumedWeight = withIdentity(
  Struct({ normal: Weight, operational: Weight, mandatory: Weight }, "ConsumedWeight"),
  { path: ["frame_support", "dispatch", "PerDispatchClass"], params: [{ name: "T", type: Weight.desc }] },
);
export interface ConsumedWeight {
  normal: WeightValue;
  operational: WeightValue;
  mandatory: WeightValue;
}

export const LastRuntimeUpgradeInfo = withIdentity(
  Struct({ spec_version: compactU32, spec_name: str }, "LastRuntimeUpgradeInfo"),
  { path: ["frame_system", "LastRuntimeUpgradeInfo"] },
);

export const CodeUpgradeAuthorization = withIdentity(
  Struct({ code_hash: H256, check_version: bool }, "CodeUpgradeAuthorization"),
  { path: ["frame_system", "CodeUpgradeAuthorization"] },
);

export { Weight };
