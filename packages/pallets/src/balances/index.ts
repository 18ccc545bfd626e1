/**
 * pallet_balances for Canary: the native token's accounts (kept in System's account record),
 * transfers, the existential deposit and dust, reserves, locks, holds and freezes, and the total
 * issuance. Other pallets use the functions exported here rather than its calls.
 */
import { constant, definePallet } from "@canary/frame";
import { u32, u128 } from "@canary/primitives";
import { calls } from "./calls.ts";
import { balancesConfig } from "./config.ts";
import { errors } from "./errors.ts";
import { events } from "./events.ts";
import { type BalancesGenesis, buildGenesis } from "./genesis.ts";
import { hooks } from "./hooks.ts";
import { storage } from "./storage.ts";

export const Balances = definePallet({
  name: "Balances",
  storage,
  calls,
  events,
  errors,
  hooks,
  genesis: { build: (config: BalancesGenesis) => buildGenesis(config) },
  constants: {
    ExistentialDeposit: constant(u128, () => balancesConfig().existentialDeposit, [
      "The minimum amount required to keep an account open. MUST BE GREATER THAN ZERO!",
    ]),
    MaxLocks: constant(u32, () => balancesConfig().maxLocks, [
      "The maximum number of locks that should exist on an account.",
    ]),
    MaxReserves: constant(u32, () => balancesConfig().maxReserves, [
      "The maximum number of named reserves that can exist on an account.",
    ]),
    MaxFreezes: constant(u32, () => balancesConfig().maxFreezes, [
      "The maximum number of individual freeze locks that can exist on an account at any time.",
    ]),
  },
  docs: ["The Balances pallet provides functionality for handling accounts and balances for a single token."],
});

export { accountData, reducibleBalance } from "./account.ts";
export { lookup } from "./calls.ts";
export * from "./config.ts";
export * from "./currency.ts";
export type { BalancesGenesis } from "./genesis.ts";
export * from "./holds.ts";
export * from "./locks.ts";
export * from "./reserves.ts";
export { storage as balancesStorage } from "./storage.ts";
export * from "./types.ts";
