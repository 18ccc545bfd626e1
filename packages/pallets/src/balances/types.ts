/** Balances' stored types, with FRAME's type paths so clients decode them from metadata. */
import { Enum, type EnumValue, FixedBytes, Struct, u128, withIdentity } from "@canary/primitives";

/** A lock or reserve identifier (`[u8; 8]`, e.g. "staking "). */
export const LockIdentifier = FixedBytes(8, "LockIdentifier");

const reasonsVariants = { Fee: [0], Misc: [1], All: [2] } as const;
export const Reasons = withIdentity(Enum(reasonsVariants, "Reasons"), {
  path: ["pallet_balances", "types", "Reasons"],
});
export type Reasons = EnumValue<typeof reasonsVariants>["tag"];

export interface BalanceLock {
  id: Uint8Array;
  amount: bigint;
  reasons: { tag: Reasons };
}
export const BalanceLock = withIdentity(
  Struct({ id: LockIdentifier, amount: u128, reasons: Reasons }, "BalanceLock"),
  { path: ["pallet_balances", "types", "BalanceLock"], params: [{ name: "Balance", type: u128.desc }] },
);

export interface ReserveData {
  id: Uint8Array;
  amount: bigint;
}
export const ReserveData = withIdentity(Struct({ id: LockIdentifier, amount: u128 }, "ReserveData"), {
  path: ["pallet_balances", "types", "ReserveData"],
  params: [
    { name: "ReserveIdentifier", type: LockIdentifier.desc },
    { name: "Balance", type: u128.desc },
  ],
});

/**
 * Why funds are held. A placeholder for the runtime's `RuntimeHoldReason` until the pallets that
 * hold funds (preimage, staking) exist; the byte indices are ours, not Kusama's.
 */
const holdReasonVariants = { Preimage: [0], Staking: [1], DelegatedStaking: [2], Other: [3] } as const;
export const HoldReason = withIdentity(Enum(holdReasonVariants, "RuntimeHoldReason"), {
  path: ["canary_runtime", "RuntimeHoldReason"],
});
export type HoldReason = EnumValue<typeof holdReasonVariants>["tag"];

/** Why funds are frozen; a placeholder for the runtime's `RuntimeFreezeReason`, as `HoldReason`. */
const freezeReasonVariants = { NominationPools: [0], Other: [1] } as const;
export const FreezeReason = withIdentity(Enum(freezeReasonVariants, "RuntimeFreezeReason"), {
  path: ["canary_runtime", "RuntimeFreezeReason"],
});
export type FreezeReason = EnumValue<typeof freezeReasonVariants>["tag"];

const idAmountIdentity = (id: typeof HoldReason) => ({
  path: ["frame_support", "traits", "tokens", "misc", "IdAmount"],
  params: [
    { name: "Id", type: id.desc },
    { name: "Balance", type: u128.desc },
  ],
});

export interface HoldEntry {
  id: { tag: HoldReason };
  amount: bigint;
}
export const HoldEntry = withIdentity(
  Struct({ id: HoldReason, amount: u128 }, "IdAmount"),
  idAmountIdentity(HoldReason),
);

export interface FreezeEntry {
  id: { tag: FreezeReason };
  amount: bigint;
}
export const FreezeEntry = withIdentity(
  Struct({ id: FreezeReason, amount: u128 }, "IdAmount"),
  idAmountIdentity(FreezeReason as unknown as typeof HoldReason),
);

/** Where repatriated reserved funds land (`BalanceStatus`). */
const balanceStatusVariants = { Free: [0], Reserved: [1] } as const;
export const BalanceStatus = withIdentity(Enum(balanceStatusVariants, "BalanceStatus"), {
  path: ["frame_support", "traits", "tokens", "misc", "BalanceStatus"],
});
export type BalanceStatus = EnumValue<typeof balanceStatusVariants>["tag"];
