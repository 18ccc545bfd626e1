/**
 * The checks of FRAME's `fungible` traits, through which today's pallet-balances moves funds
 * (`fungible::Mutate::transfer`, `burn_from`, `mint_into`): their failures are `DispatchError::Token`
 * and `Arithmetic`, not Balances' module errors (`can_withdraw` / `can_deposit` and their
 * `into_result`, in pallet-balances' `impl_fungible.rs` and frame-support's `tokens/misc.rs`).
 */
import { arithmetic, tokenError } from "@canary/frame";
import type { AccountId32 } from "@canary/primitives";
import type { AccountData } from "../system/index.ts";
import { U128_MAX } from "./account.ts";
import type { BalancesSelf } from "./config.ts";

export function fungibleChecks(self: BalancesSelf) {
  const { config } = self;
  const system = config.system.api;

  /**
   * `can_withdraw(who, amount).into_result(keepAlive)`: the new free balance, or FundsUnavailable
   * (too little), OnlyProvider (the account would die but something needs it), Frozen (a lock or
   * freeze binds it), NotExpendable (it would die and the caller keeps it alive).
   */
  function canWithdraw(who: AccountId32, data: AccountData, amount: bigint, keepAlive: boolean): bigint {
    if (amount === 0n) return data.free;
    if (data.free < amount) throw tokenError("FundsUnavailable");
    const newFree = data.free - amount;
    const reducedToZero = newFree < config.existentialDeposit;
    if (reducedToZero && !system.canDecProviders(who)) throw tokenError("OnlyProvider");
    if (newFree + data.reserved < data.frozen) throw tokenError("Frozen");
    if (reducedToZero && keepAlive) throw tokenError("NotExpendable");
    return newFree;
  }

  /** `can_deposit(who, amount).into_result()`: BelowMinimum when the free balance would stay under the deposit. */
  function canDeposit(data: AccountData, amount: bigint): void {
    if (amount === 0n) return;
    const newFree = data.free + amount;
    if (newFree > U128_MAX || newFree + data.reserved > U128_MAX) throw arithmetic("Overflow");
    if (newFree < config.existentialDeposit) throw tokenError("BelowMinimum");
  }

  return { canWithdraw, canDeposit };
}
