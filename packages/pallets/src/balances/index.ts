/**
 * pallet_balances for Canary: the native token's accounts (kept in System's account record),
 * transfers, the existential deposit and dust, reserves, locks, holds and freezes, and the total
 * issuance. Other pallets use the API an instance offers rather than its calls.
 */
import { constant, definePallet, type PalletInstance } from "@canary/frame";
import { u32, u128 } from "@canary/primitives";
import { type AccountFns, accountFns } from "./account.ts";
import { calls } from "./calls.ts";
import type { BalancesSelf } from "./config.ts";
import { currencyFns } from "./currency.ts";
import { errors } from "./errors.ts";
import { events } from "./events.ts";
import { type BalancesGenesis, buildGenesis } from "./genesis.ts";
import { holdFns } from "./holds.ts";
import { hooks } from "./hooks.ts";
import { lockFns } from "./locks.ts";
import { reserveFns } from "./reserves.ts";
import { storage } from "./storage.ts";

/** What Balances offers the runtime and other pallets (FRAME's Currency, ReservableCurrency, ... traits). */
function api(self: BalancesSelf, account: AccountFns) {
  const reserves = reserveFns(self, account);
  return {
    accountData: account.accountData,
    reducibleBalance: account.reducibleBalance,
    ...currencyFns(self, account),
    ...reserves,
    ...lockFns(self, account),
    ...holdFns(self, reserves),
  };
}

export const Balances = definePallet({
  name: "Balances",
  storage,
  events,
  errors,
  docs: ["The Balances pallet provides functionality for handling accounts and balances for a single token."],
  build: (self: BalancesSelf) => {
    const account = accountFns(self);
    const offered = api(self, account);
    return {
      calls: calls(offered, offered),
      hooks,
      genesis: { build: (config: BalancesGenesis) => buildGenesis(self, account, config) },
      api: offered,
      constants: {
        ExistentialDeposit: constant(u128, () => self.config.existentialDeposit, [
          "The minimum amount required to keep an account open. MUST BE GREATER THAN ZERO!",
        ]),
        MaxLocks: constant(u32, () => self.config.maxLocks, [
          "The maximum number of locks that should exist on an account.",
        ]),
        MaxReserves: constant(u32, () => self.config.maxReserves, [
          "The maximum number of named reserves that can exist on an account.",
        ]),
        MaxFreezes: constant(u32, () => self.config.maxFreezes, [
          "The maximum number of individual freeze locks that can exist on an account at any time.",
        ]),
      },
    };
  },
});

export type BalancesApi = ReturnType<typeof api>;
export type BalancesInstance = PalletInstance<BalancesSelf, BalancesApi>;
export { type BalancesConfig, type BalancesSelf, balancesDefaults, CENTS } from "./config.ts";
export type { BalancesGenesis } from "./genesis.ts";
export * from "./types.ts";
