/**
 * Moving and creating funds: the API other pallets call (transaction payment, treasury, staking).
 * Every function either applies completely or throws a `DispatchFailure` and changes nothing.
 * Imbalances are settled at once: what `withdraw` takes leaves the total issuance, what `deposit`
 * adds joins it, so a fee withdrawn and then deposited to its recipients nets to zero.
 */
import { tokenError } from "@canary/frame";
import { type AccountId32, bytesEqual } from "@canary/primitives";
import { type AccountFns, checkedAdd, transactional } from "./account.ts";
import type { BalancesSelf } from "./config.ts";
import { fungibleChecks } from "./fungible.ts";
import type { Reasons } from "./types.ts";

export function currencyFns(
  self: BalancesSelf,
  { accountData, checkWithdraw, mutateAccount, reducibleBalance }: AccountFns,
) {
  const { storage, config } = self;
  const { canWithdraw, canDeposit } = fungibleChecks(self);

  function totalIssuance(): bigint {
    return storage.TotalIssuance.get();
  }

  function freeBalance(who: AccountId32): bigint {
    return accountData(who).free;
  }

  function reservedBalance(who: AccountId32): bigint {
    return accountData(who).reserved;
  }

  /** Free plus reserved. */
  function totalBalance(who: AccountId32): bigint {
    const a = accountData(who);
    return a.free + a.reserved;
  }

  const increaseIssuance = (amount: bigint): void =>
    storage.TotalIssuance.set(checkedAdd(storage.TotalIssuance.get(), amount));
  const decreaseIssuance = (amount: bigint): void => storage.TotalIssuance.mutate((t) => t - amount);

  /**
   * Moves `amount` of free balance (`fungible::Mutate::transfer`). Without `keepAlive` the sender
   * may be reaped: what it has left below the existential deposit is dust and burned. Fails with
   * the `Token` errors of `can_withdraw` and `can_deposit`. Returns the amount moved.
   */
  function transfer(from: AccountId32, to: AccountId32, amount: bigint, keepAlive: boolean): bigint {
    return transactional(() => {
      const newFree = canWithdraw(from, accountData(from), amount, keepAlive);
      canDeposit(accountData(to), amount);
      if (bytesEqual(from, to)) return amount;
      if (amount > 0n) {
        mutateAccount(from, (d) => {
          d.free = newFree;
        });
        mutateAccount(to, (d) => {
          d.free = checkedAdd(d.free, amount);
        });
      }
      self.emit("Transfer", { from, to, amount });
      return amount;
    });
  }

  /** Transfers everything `from` can spend (all of it, or all but the deposit with `keepAlive`). */
  function transferAll(from: AccountId32, to: AccountId32, keepAlive: boolean): bigint {
    return transfer(from, to, reducibleBalance(from, keepAlive), keepAlive);
  }

  /**
   * Takes `amount` out of circulation from `who` (a fee, a slash paid out elsewhere) and returns
   * it as the negative imbalance the caller distributes with `deposit`. Locks bind every reason
   * alike (FRAME folds them into one `frozen` amount), so `reasons` is recorded for callers only.
   */
  function withdraw(who: AccountId32, amount: bigint, _reasons: Reasons, keepAlive: boolean): bigint {
    if (amount === 0n) return 0n;
    return transactional(() => {
      const newFree = checkWithdraw(who, accountData(who), amount, keepAlive);
      mutateAccount(who, (d) => {
        d.free = newFree;
      });
      decreaseIssuance(amount);
      self.emit("Withdraw", { who, amount });
      return amount;
    });
  }

  /**
   * Credits `amount` to `who`, creating the account if it reaches the existential deposit; a
   * credit too small to create it is dropped (FRAME's `deposit_creating`). Returns what was added.
   */
  function deposit(who: AccountId32, amount: bigint): bigint {
    if (amount === 0n) return 0n;
    const a = accountData(who);
    if (a.free + a.reserved + amount < config.existentialDeposit) return 0n;
    return transactional(() => {
      mutateAccount(who, (d) => {
        d.free = checkedAdd(d.free, amount);
      });
      increaseIssuance(amount);
      self.emit("Deposit", { who, amount });
      return amount;
    });
  }

  /** Creates `amount` new units in `who`'s account (`mint_into`); fails with `Token(BelowMinimum)` below the deposit. */
  function mint(who: AccountId32, amount: bigint): bigint {
    if (amount === 0n) return 0n;
    return transactional(() => {
      checkedAdd(storage.TotalIssuance.get(), amount);
      canDeposit(accountData(who), amount);
      increaseIssuance(amount);
      mutateAccount(who, (d) => {
        d.free = checkedAdd(d.free, amount);
      });
      self.emit("Minted", { who, amount });
      return amount;
    });
  }

  /**
   * Destroys `amount` of `who`'s free balance (`burn_from`, exact and polite): more than it may
   * spend (its reducible balance, less the deposit with `keepAlive`) is `Token(FundsUnavailable)`.
   */
  function burnFrom(who: AccountId32, amount: bigint, keepAlive: boolean): bigint {
    return transactional(() => {
      if (amount > reducibleBalance(who, keepAlive)) throw tokenError("FundsUnavailable");
      const newFree = accountData(who).free - amount;
      if (amount > 0n) {
        mutateAccount(who, (d) => {
          d.free = newFree;
        });
        decreaseIssuance(amount);
      }
      self.emit("Burned", { who, amount });
      return amount;
    });
  }

  /**
   * Sets `who`'s free balance outright (root's `force_set_balance`), minting or burning the
   * difference; below the existential deposit the free balance becomes zero, reaping the account
   * unless something else keeps it.
   */
  function setFreeBalance(who: AccountId32, newFree: bigint): void {
    transactional(() => {
      const free = newFree < config.existentialDeposit ? 0n : newFree;
      const { result: old } = mutateAccount(who, (d) => {
        const previous = d.free;
        d.free = free;
        return previous;
      });
      if (free > old) increaseIssuance(free - old);
      else if (free < old) decreaseIssuance(old - free);
      self.emit("BalanceSet", { who, free });
    });
  }

  /**
   * Takes up to `amount` of `who`'s free balance, locks notwithstanding (FRAME's `Currency::slash`),
   * keeping the existential deposit while something depends on the account. What is taken leaves
   * the issuance until the caller deposits it elsewhere. Returns `[taken, not taken]`.
   */
  function slash(who: AccountId32, amount: bigint): [bigint, bigint] {
    if (amount === 0n) return [0n, 0n];
    const a = accountData(who);
    if (a.free + a.reserved === 0n) return [0n, amount];
    const keep = config.system.api.canDecProviders(who) ? 0n : config.existentialDeposit;
    const room = a.free > keep ? a.free - keep : 0n;
    const taken = amount < room ? amount : room;
    transactional(() => {
      mutateAccount(who, (d) => {
        d.free -= taken;
      });
      decreaseIssuance(taken);
      self.emit("Slashed", { who, amount: taken });
    });
    return [taken, amount - taken];
  }

  return {
    existentialDeposit: (): bigint => config.existentialDeposit,
    slash,
    totalIssuance,
    freeBalance,
    reservedBalance,
    totalBalance,
    transfer,
    transferAll,
    withdraw,
    deposit,
    mint,
    burnFrom,
    setFreeBalance,
  };
}
