/**
 * Reserves (FRAME's `ReservableCurrency` and `NamedReservableCurrency`): funds moved from free
 * to reserved stay the owner's but cannot be spent, for deposits and bonds. A named reserve
 * records its share under an 8-byte id so that its owner can release exactly its own.
 */
import { type AccountId32, bytesEqual, compareBytes } from "@canary/primitives";
import { type AccountFns, checkedAdd, transactional } from "./account.ts";
import type { BalancesSelf } from "./config.ts";
import type { BalanceStatus, ReserveData } from "./types.ts";

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

export function reserveFns(self: BalancesSelf, { accountData, mutateAccount }: AccountFns) {
  const { storage, config } = self;

  /** Whether `reserve(who, amount)` would succeed. */
  function canReserve(who: AccountId32, amount: bigint): boolean {
    if (amount === 0n) return true;
    const a = accountData(who);
    if (a.free < amount) return false;
    const newFree = a.free - amount;
    return newFree >= config.existentialDeposit && newFree >= a.frozen;
  }

  /**
   * Moves `amount` from free to reserved. The free balance must stay at least the existential
   * deposit (a reserve never reaps its account, as FRAME's `can_reserve`) and at least what is
   * frozen (`LiquidityRestrictions`).
   */
  function reserve(who: AccountId32, amount: bigint): void {
    if (amount === 0n) return;
    transactional(() => {
      mutateAccount(who, (d) => {
        if (d.free < amount) throw self.fail("InsufficientBalance");
        const newFree = d.free - amount;
        if (newFree < config.existentialDeposit) throw self.fail("InsufficientBalance");
        if (newFree < d.frozen) throw self.fail("LiquidityRestrictions");
        d.free = newFree;
        d.reserved = checkedAdd(d.reserved, amount);
      });
      self.emit("Reserved", { who, amount });
    });
  }

  /** Moves up to `amount` back from reserved to free; returns what could not be unreserved. */
  function unreserve(who: AccountId32, amount: bigint): bigint {
    if (amount === 0n) return 0n;
    const actual = min(accountData(who).reserved, amount);
    if (actual === 0n) return amount;
    transactional(() => {
      mutateAccount(who, (d) => {
        d.reserved -= actual;
        d.free = checkedAdd(d.free, actual);
      });
      self.emit("Unreserved", { who, amount: actual });
    });
    return amount - actual;
  }

  /** Destroys up to `amount` of `who`'s reserve; returns `[slashed, not slashed]`. */
  function slashReserved(who: AccountId32, amount: bigint): [bigint, bigint] {
    if (amount === 0n) return [0n, 0n];
    const actual = min(accountData(who).reserved, amount);
    if (actual === 0n) return [0n, amount];
    transactional(() => {
      mutateAccount(who, (d) => {
        d.reserved -= actual;
      });
      storage.TotalIssuance.mutate((t) => t - actual);
      self.emit("Slashed", { who, amount: actual });
    });
    return [actual, amount - actual];
  }

  /**
   * Moves up to `amount` of `slashed`'s reserve to `beneficiary`'s free or reserved balance. The
   * beneficiary must exist (`DeadAccount`). Returns what could not be moved.
   */
  function repatriateReserved(
    slashed: AccountId32,
    beneficiary: AccountId32,
    amount: bigint,
    status: BalanceStatus,
  ): bigint {
    if (amount === 0n) return 0n;
    if (bytesEqual(slashed, beneficiary)) {
      if (status === "Free") return unreserve(slashed, amount);
      const reserved = accountData(slashed).reserved;
      return amount > reserved ? amount - reserved : 0n;
    }
    return transactional(() => {
      const actual = min(accountData(slashed).reserved, amount);
      mutateAccount(beneficiary, (d, isNew) => {
        if (isNew) throw self.fail("DeadAccount");
        if (status === "Free") d.free = checkedAdd(d.free, actual);
        else d.reserved = checkedAdd(d.reserved, actual);
      });
      mutateAccount(slashed, (d) => {
        d.reserved -= actual;
      });
      self.emit("ReserveRepatriated", {
        from: slashed,
        to: beneficiary,
        amount: actual,
        destination_status: { tag: status },
      });
      return amount - actual;
    });
  }

  /** Position of `id` in the id-sorted named reserves, or where it would go (as a negative). */
  function findReserve(reserves: ReserveData[], id: Uint8Array): number {
    let lo = 0;
    let hi = reserves.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareBytes(reserves[mid]!.id, id);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return -lo - 1;
  }

  function reservedBalanceNamed(id: Uint8Array, who: AccountId32): bigint {
    const reserves = [...storage.Reserves.get(who)]; // a copy: an absent entry reads as the shared default
    const at = findReserve(reserves, id);
    return at >= 0 ? reserves[at]!.amount : 0n;
  }

  /** Reserves `amount` under `id` (`TooManyReserves` past `maxReserves` distinct ids). */
  function reserveNamed(id: Uint8Array, who: AccountId32, amount: bigint): void {
    if (amount === 0n) return;
    transactional(() => {
      const reserves = [...storage.Reserves.get(who)]; // a copy: an absent entry reads as the shared default
      const at = findReserve(reserves, id);
      if (at >= 0) {
        reserves[at] = { id, amount: checkedAdd(reserves[at]!.amount, amount) };
      } else {
        if (reserves.length >= config.maxReserves) throw self.fail("TooManyReserves");
        reserves.splice(-at - 1, 0, { id, amount });
      }
      reserve(who, amount);
      storage.Reserves.set(who, reserves);
    });
  }

  /** Unreserves up to `amount` from the reserve named `id`; returns what could not be unreserved. */
  function unreserveNamed(id: Uint8Array, who: AccountId32, amount: bigint): bigint {
    return changeNamed(id, who, amount, (share) => share - unreserve(who, share));
  }

  /** Slashes up to `amount` from the reserve named `id`; returns `[slashed, not slashed]`. */
  function slashReservedNamed(id: Uint8Array, who: AccountId32, amount: bigint): [bigint, bigint] {
    const left = changeNamed(id, who, amount, (share) => slashReserved(who, share)[0]);
    return [amount - left, left];
  }

  /** Applies `take` to this reserve's share of `amount` and records what it took; returns the rest. */
  function changeNamed(
    id: Uint8Array,
    who: AccountId32,
    amount: bigint,
    take: (share: bigint) => bigint,
  ): bigint {
    if (amount === 0n) return 0n;
    const reserves = [...storage.Reserves.get(who)]; // a copy: an absent entry reads as the shared default
    const at = findReserve(reserves, id);
    if (at < 0) return amount;
    return transactional(() => {
      const entry = reserves[at]!;
      const taken = take(min(amount, entry.amount));
      const remaining = entry.amount - taken;
      if (remaining === 0n) reserves.splice(at, 1);
      else reserves[at] = { id, amount: remaining };
      if (reserves.length === 0) storage.Reserves.remove(who);
      else storage.Reserves.set(who, reserves);
      return amount - taken;
    });
  }

  return {
    canReserve,
    reserve,
    unreserve,
    slashReserved,
    repatriateReserved,
    reservedBalanceNamed,
    reserveNamed,
    unreserveNamed,
    slashReservedNamed,
  };
}
export type Reserves = ReturnType<typeof reserveFns>;
