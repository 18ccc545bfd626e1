/**
 * Locks (FRAME's `LockableCurrency`, by 8-byte id) and freezes (`MutateFreeze`, by reason). Both
 * only restrict spending: the account's `frozen` is the largest lock or freeze, which free plus
 * reserved may not drop below. Reasons of a lock are stored for clients but, as in FRAME since
 * frozen balances replaced misc/fee frozen, every withdrawal respects every lock.
 */
import { host } from "@canary/frame";
import { type AccountId32, bytesEqual } from "@canary/primitives";
import { type AccountFns, transactional } from "./account.ts";
import type { BalancesSelf } from "./config.ts";
import type { BalanceLock, FreezeEntry, FreezeReason, Reasons } from "./types.ts";

const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

const largest = (items: ReadonlyArray<{ amount: bigint }>): bigint =>
  items.reduce((m, i) => max(m, i.amount), 0n);

export function lockFns(self: BalancesSelf, { mutateAccount }: AccountFns) {
  const { storage, config } = self;
  const { incConsumers, decConsumers } = config.system.api;

  /** Recomputes `frozen` from locks and freezes and reports the change as `up`/`down` events. */
  function refreeze(
    who: AccountId32,
    locks: readonly BalanceLock[],
    freezes: readonly FreezeEntry[],
    up: "Locked" | "Frozen",
    down: "Unlocked" | "Thawed",
  ): void {
    const {
      result: [before, after],
    } = mutateAccount(who, (d) => {
      const previous = d.frozen;
      d.frozen = max(largest(locks), largest(freezes));
      return [previous, d.frozen] as const;
    });
    if (after > before) self.emit(up, { who, amount: after - before });
    else if (after < before) self.emit(down, { who, amount: before - after });
  }

  /** Stores `who`'s locks; while any exists, the account has one consumer for them (as FRAME). */
  function updateLocks(who: AccountId32, locks: BalanceLock[]): void {
    transactional(() => {
      refreeze(who, locks, storage.Freezes.get(who), "Locked", "Unlocked");
      const existed = storage.Locks.contains(who);
      if (locks.length === 0) {
        storage.Locks.remove(who);
        if (existed) decConsumers(who);
      } else {
        if (locks.length > config.maxLocks) {
          // FRAME keeps them (a weakly bounded vector) and warns; the limit is a benchmark bound.
          host().log("warn", "runtime::balances", `${locks.length} locks exceed MaxLocks`);
        }
        storage.Locks.set(who, locks);
        if (!existed) incConsumers(who);
      }
    });
  }

  function locks(who: AccountId32): BalanceLock[] {
    return [...storage.Locks.get(who)];
  }

  /** Creates or replaces the lock `id`; a zero amount does nothing (as FRAME). */
  function setLock(id: Uint8Array, who: AccountId32, amount: bigint, reasons: Reasons = "All"): void {
    if (amount === 0n) return;
    const current = [...storage.Locks.get(who)]; // a copy: an absent entry reads as the shared default
    const at = current.findIndex((l) => bytesEqual(l.id, id));
    const lock: BalanceLock = { id, amount, reasons: { tag: reasons } };
    if (at >= 0) current[at] = lock;
    else current.push(lock);
    updateLocks(who, current);
  }

  /** Raises the lock `id` to at least `amount` (creating it if absent). */
  function extendLock(id: Uint8Array, who: AccountId32, amount: bigint, reasons: Reasons = "All"): void {
    if (amount === 0n) return;
    const current = [...storage.Locks.get(who)]; // a copy: an absent entry reads as the shared default
    const at = current.findIndex((l) => bytesEqual(l.id, id));
    if (at < 0) {
      current.push({ id, amount, reasons: { tag: reasons } });
    } else {
      const old = current[at]!;
      const merged: Reasons = old.reasons.tag === reasons ? reasons : "All";
      current[at] = { id, amount: max(old.amount, amount), reasons: { tag: merged } };
    }
    updateLocks(who, current);
  }

  function removeLock(id: Uint8Array, who: AccountId32): void {
    const current = [...storage.Locks.get(who)]; // a copy: an absent entry reads as the shared default
    const kept = current.filter((l) => !bytesEqual(l.id, id));
    if (kept.length !== current.length) updateLocks(who, kept);
  }

  function balanceFrozen(reason: FreezeReason, who: AccountId32): bigint {
    return storage.Freezes.get(who).find((f) => f.id.tag === reason)?.amount ?? 0n;
  }

  function updateFreezes(who: AccountId32, freezes: FreezeEntry[]): void {
    transactional(() => {
      refreeze(who, storage.Locks.get(who), freezes, "Frozen", "Thawed");
      if (freezes.length === 0) storage.Freezes.remove(who);
      else storage.Freezes.set(who, freezes);
    });
  }

  /** Sets the freeze for `reason` to exactly `amount` (zero thaws it); `TooManyFreezes` past the limit. */
  function setFreeze(reason: FreezeReason, who: AccountId32, amount: bigint): void {
    if (amount === 0n) {
      thaw(reason, who);
      return;
    }
    const current = [...storage.Freezes.get(who)]; // a copy: an absent entry reads as the shared default
    const at = current.findIndex((f) => f.id.tag === reason);
    if (at >= 0) current[at] = { id: { tag: reason }, amount };
    else {
      if (current.length >= config.maxFreezes) throw self.fail("TooManyFreezes");
      current.push({ id: { tag: reason }, amount });
    }
    updateFreezes(who, current);
  }

  /** Raises the freeze for `reason` to at least `amount`. */
  function extendFreeze(reason: FreezeReason, who: AccountId32, amount: bigint): void {
    if (amount === 0n) return;
    setFreeze(reason, who, max(balanceFrozen(reason, who), amount));
  }

  function thaw(reason: FreezeReason, who: AccountId32): void {
    const current = [...storage.Freezes.get(who)]; // a copy: an absent entry reads as the shared default
    const kept = current.filter((f) => f.id.tag !== reason);
    if (kept.length !== current.length) updateFreezes(who, kept);
  }

  return { locks, setLock, extendLock, removeLock, balanceFrozen, setFreeze, extendFreeze, thaw };
}
