/**
 * Balances' storage, with FRAME's item names. The native token's balances live in System's
 * `Account`; another instance keeps them in its own `Account` map (`accountStore: "own"`).
 */
import { map, value } from "@canary/frame";
import { AccountId32, u128, Vec } from "@canary/primitives";
import { AccountData, DEFAULT_ACCOUNT } from "../system/types.ts";
import { BalanceLock, FreezeEntry, HoldEntry, ReserveData } from "./types.ts";

export const storage = {
  TotalIssuance: value({ value: u128, default: 0n, docs: ["The total units issued in the system."] }),
  InactiveIssuance: value({
    value: u128,
    default: 0n,
    docs: ["The total units of outstanding deactivated balance in the system."],
  }),
  Account: map("Blake2_128Concat", AccountId32, {
    value: AccountData,
    default: DEFAULT_ACCOUNT.data,
    docs: [
      "The Balances pallet example of storing the balance of an account: used only by instances whose",
      "`accountStore` is their own (the native token keeps balances in System's account record).",
    ],
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
};
