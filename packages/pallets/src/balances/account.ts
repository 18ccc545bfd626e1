/**
 * One account's balance record and the rules that hold on every change to it, as FRAME's
 * `try_mutate_account`: a free balance of at least the existential deposit provides the account
 * (System provider), a reserve or a freeze consumes it (System consumer), and a record left with
 * less than the deposit and nothing reserved is dust, burned from the total issuance.
 */
import { arithmetic, host } from "@canary/frame";
import type { AccountId32 } from "@canary/primitives";
import { type AccountData, DEFAULT_ACCOUNT } from "../system/index.ts";
import type { BalancesSelf } from "./config.ts";

/** u128's largest value; sums beyond it fail with `Arithmetic(Overflow)`. */
export const U128_MAX = (1n << 128n) - 1n;

export function checkedAdd(a: bigint, b: bigint): bigint {
  const sum = a + b;
  if (sum > U128_MAX) throw arithmetic("Overflow");
  return sum;
}

const isDefault = (d: AccountData): boolean => d.free === 0n && d.reserved === 0n && d.frozen === 0n;

export interface MutateOutcome<R> {
  result: R;
  /** Free balance burned because the account fell below the existential deposit. */
  dust: bigint;
}

/**
 * Runs `fn` in its own storage transaction, so a public function that fails halfway leaves
 * nothing behind even when called outside a dispatch (dispatch already wraps each call).
 */
export function transactional<T>(fn: () => T): T {
  const h = host();
  h.storageStartTransaction();
  try {
    const out = fn();
    h.storageCommitTransaction();
    return out;
  } catch (e) {
    h.storageRollbackTransaction();
    throw e;
  }
}

/** The account record functions of one Balances instance. */

export function accountFns(self: BalancesSelf) {
  const { storage, config } = self;
  const system = config.system.api;
  const own = config.accountStore === "own";

  function accountData(who: AccountId32): AccountData {
    return own ? storage.Account.get(who) : system.account(who).data;
  }

  /** Stores the record; a default (empty) one is removed from an own store. */
  function storeData(who: AccountId32, data: AccountData): void {
    if (!own) system.setAccountData(who, data);
    else if (isDefault(data)) storage.Account.remove(who);
    else storage.Account.set(who, data);
  }

  /**
   * Applies `f` to `who`'s balance record and keeps System's reference counts in step. `f` throws to
   * refuse the change. Releasing the last provider goes last because it may reap the account; it
   * fails with `ConsumerRemaining` when something still depends on the account, which the
   * enclosing transaction rolls back.
   */
  function mutateAccount<R>(who: AccountId32, f: (data: AccountData, isNew: boolean) => R): MutateOutcome<R> {
    const ed = config.existentialDeposit;
    const before = accountData(who);
    const isNew = isDefault(before);
    const data: AccountData = { ...before };
    const didProvide = before.free >= ed;
    const didConsume = !isNew && (before.reserved > 0n || before.frozen > 0n);

    const result = f(data, isNew);

    const doesProvide = data.free >= ed;
    const doesConsume = data.reserved > 0n || data.frozen > 0n;
    if (!didProvide && doesProvide) system.incProviders(who);
    if (didConsume && !doesConsume) system.decConsumers(who);
    if (!didConsume && doesConsume) system.incConsumers(who);
    if (didProvide && !doesProvide) system.decProviders(who);

    const dusty = data.free < ed && data.reserved === 0n;
    const dust = dusty ? data.free : 0n;
    // The record is kept only while the account exists; System removed it when it was reaped.
    if (own || system.accountExists(who)) storeData(who, dusty ? { ...DEFAULT_ACCOUNT.data } : data);
    if (isNew && doesProvide) self.emit("Endowed", { account: who, free_balance: data.free });
    if (dust > 0n) {
      storage.TotalIssuance.mutate((t) => t - dust);
      self.emit("DustLost", { account: who, amount: dust });
    }
    return { result, dust };
  }

  /**
   * What `who` may spend now (FRAME's `reducible_balance`, polite): the free balance less what is
   * frozen beyond the reserve, and less the existential deposit when the account must stay alive:
   * because the caller asks (`keepAlive`) or because something consumes it and Balances' provider
   * is its only one.
   */
  function reducibleBalance(who: AccountId32, keepAlive: boolean): bigint {
    const a = accountData(who);
    let untouchable = a.frozen > a.reserved ? a.frozen - a.reserved : 0n;
    if (keepAlive || (a.free > 0n && !system.canDecProviders(who))) {
      const ed = config.existentialDeposit;
      if (ed > untouchable) untouchable = ed;
    }
    return a.free > untouchable ? a.free - untouchable : 0n;
  }

  /**
   * `Currency::withdraw`'s checks (fees; transfers and burns use the `fungible` checks of
   * fungible.ts, with `Token` errors) before `amount` leaves `who`'s free balance: funds (`InsufficientBalance`), locks
   * and freezes, which bind free plus reserved (`LiquidityRestrictions`), and liveness: dropping
   * below the deposit is refused when asked to keep alive or when the account cannot lose its
   * provider (`Expendability`). Returns the new free balance.
   */
  function checkWithdraw(who: AccountId32, data: AccountData, amount: bigint, keepAlive: boolean): bigint {
    if (data.free < amount) throw self.fail("InsufficientBalance");
    const newFree = data.free - amount;
    if (amount > 0n && newFree + data.reserved < data.frozen) throw self.fail("LiquidityRestrictions");
    const ed = config.existentialDeposit;
    const wouldKill = newFree < ed && data.free >= ed;
    if (wouldKill && (keepAlive || !system.canDecProviders(who))) throw self.fail("Expendability");
    return newFree;
  }

  return { accountData, storeData, mutateAccount, reducibleBalance, checkWithdraw };
}
export type AccountFns = ReturnType<typeof accountFns>;
