/**
 * An account's schedules and its `vesting ` lock (FRAME's `exec_action`, `write_vesting`,
 * `write_lock`), and the `VestingSchedule` functions other pallets use (Claims adds schedules).
 */
import { type AccountId32, encodeUtf8 } from "@canary/primitives";
import type { VestingSelf } from "./config.ts";
import { isValid, lockedAt, mergeSchedules } from "./schedule.ts";
import type { VestingInfo } from "./types.ts";

/** The lock identifier on Balances, as FRAME's `VESTING_ID` (8 bytes, space-padded). */
export const VESTING_ID = encodeUtf8("vesting ");

/** What `exec_action` does besides dropping finished schedules. */
type Action =
  | { kind: "Passive" }
  | { kind: "Remove"; index: number }
  | { kind: "Merge"; index1: number; index2: number };

const removes = (a: Action, i: number): boolean =>
  (a.kind === "Remove" && a.index === i) || (a.kind === "Merge" && (a.index1 === i || a.index2 === i));

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

export function scheduleFns(self: VestingSelf) {
  const { storage, config } = self;
  const now = (): number => config.system.storage.Number.get();

  /** Drops finished schedules and those the action removes; returns the rest and what they lock now. */
  function reportUpdates(schedules: readonly VestingInfo[], action: Action): [VestingInfo[], bigint] {
    const at = now();
    let total = 0n;
    const kept: VestingInfo[] = [];
    schedules.forEach((s, i) => {
      const locked = lockedAt(s, at);
      if (locked === 0n || removes(action, i)) return;
      total += locked;
      kept.push(s);
    });
    return [kept, total];
  }

  /** Applies `action`; indices refer to the schedules before finished ones are dropped (as FRAME). */
  function exec(schedules: readonly VestingInfo[], action: Action): [VestingInfo[], bigint] {
    if (action.kind !== "Merge") return reportUpdates(schedules, action);
    const a = schedules[action.index1];
    const b = schedules[action.index2];
    if (a === undefined || b === undefined) throw self.fail("ScheduleIndexOutOfBounds");
    const [kept, total] = reportUpdates(schedules, action);
    const merged = mergeSchedules(now(), a, b);
    if (merged === undefined) return [kept, total];
    return [[...kept, merged], total + lockedAt(merged, now())];
  }

  function writeVesting(who: AccountId32, schedules: VestingInfo[]): void {
    if (schedules.length === 0) storage.Vesting.remove(who);
    else storage.Vesting.set(who, schedules);
  }

  /** Sets the lock to what is still locked (Kusama's lock reasons: transfers and reserves). */
  function writeLock(who: AccountId32, lockedNow: bigint): void {
    if (lockedNow === 0n) {
      config.currency.api.removeLock(VESTING_ID, who);
      self.emit("VestingCompleted", { account: who });
    } else {
      config.currency.api.setLock(VESTING_ID, who, lockedNow, "Misc");
      self.emit("VestingUpdated", { account: who, unvested: lockedNow });
    }
  }

  function apply(who: AccountId32, schedules: readonly VestingInfo[], action: Action): void {
    const [kept, lockedNow] = exec(schedules, action);
    writeVesting(who, kept);
    writeLock(who, lockedNow);
  }

  function schedulesOf(who: AccountId32): VestingInfo[] {
    const schedules = storage.Vesting.get(who);
    if (schedules === undefined) throw self.fail("NotVesting");
    return schedules;
  }

  /** FRAME's `do_vest`: releases what has vested since the last call. */
  function vest(who: AccountId32): void {
    apply(who, schedulesOf(who), { kind: "Passive" });
  }

  function merge(who: AccountId32, index1: number, index2: number): void {
    if (index1 === index2) return;
    apply(who, schedulesOf(who), { kind: "Merge", index1, index2 });
  }

  function removeSchedule(who: AccountId32, index: number): void {
    apply(who, schedulesOf(who), { kind: "Remove", index });
  }

  /** What `who` still has locked by vesting, at most its free balance; undefined when not vesting. */
  function vestingBalance(who: AccountId32): bigint | undefined {
    const schedules = storage.Vesting.get(who);
    if (schedules === undefined) return undefined;
    const at = now();
    const locked = schedules.reduce((t, s) => t + lockedAt(s, at), 0n);
    const free = config.currency.api.freeBalance(who);
    return min(locked, free);
  }

  /** Fails with `AtMaxVestingSchedules` when `who` has no room for another schedule. */
  function canAddVestingSchedule(who: AccountId32, locked: bigint): void {
    if (locked === 0n) return;
    if ((storage.Vesting.get(who)?.length ?? 0) >= config.maxVestingSchedules) {
      throw self.fail("AtMaxVestingSchedules");
    }
  }

  /** Adds a schedule over funds `who` already holds and locks them (FRAME's `add_vesting_schedule`). */
  function addVestingSchedule(who: AccountId32, schedule: VestingInfo): void {
    if (schedule.locked === 0n) return;
    if (!isValid(schedule)) throw self.fail("InvalidScheduleParams");
    const schedules = storage.Vesting.get(who) ?? [];
    if (schedules.length >= config.maxVestingSchedules) throw self.fail("AtMaxVestingSchedules");
    apply(who, [...schedules, schedule], { kind: "Passive" });
  }

  return { vest, merge, removeSchedule, vestingBalance, canAddVestingSchedule, addVestingSchedule };
}

export type ScheduleFns = ReturnType<typeof scheduleFns>;
