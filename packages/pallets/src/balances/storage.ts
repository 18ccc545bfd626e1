/** Balances' storage, with FRAME's item names (balances themselves live in System's `Account`). */
import { bindStorage, map, value } from "@canary/frame";
import { AccountId32, u128, Vec } from "@canary/primitives";
import { BalanceLock, FreezeEntry, HoldEntry, ReserveData } from "./types.ts";

export const storage = bindStorage("Balances", {
  TotalIssuance: value({ value: u128, default: 0n, docs: ["The total units issued in the system."] }),
  InactiveIssuance: value({
    value: u128,
    default: 0n,
    docs: ["The total units of outstanding deactivated balance in the system."],
  }),
  Locks: map("Blake2_128Concat", AccountId32, {
    value: Vec(BalanceLock),
    default: [],
    docs: ["Any liquidity locks on some account balances."],
  }),
  Reserves: map("Blake2_128Concat", AccountId32, {
    value: Vec(ReserveData),
    default: [],
    docs: ["Named reserves on some account balances."],
  }),
  Holds: map("Blake2_128Concat", AccountId32, {
    value: Vec(HoldEntry),
    default: [],
    docs: ["Holds on account balances."],
  }),
  Freezes: map("Blake2_128Concat", AccountId32, {
    value: Vec(FreezeEntry),
    default: [],
    docs: ["Freeze locks on account balances."],
  }),
});
