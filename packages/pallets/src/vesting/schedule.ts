/**
 * The arithmetic of one schedule (FRAME's `VestingInfo` methods), on bigints: what is still
 * locked at a block, when the schedule ends, and how two schedules merge.
 */
import type { VestingInfo } from "./types.ts";

const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/** FRAME treats a zero `per_block` as one (so a schedule always ends). */
export const perBlock = (s: VestingInfo): bigint => max(s.per_block, 1n);

/** Valid when something is locked and the raw `per_block` is not zero (FRAME's `is_valid`). */
export const isValid = (s: VestingInfo): boolean => s.locked !== 0n && s.per_block !== 0n;

/** What is still locked at block `n`: `locked − per_block · (n − start)`, never below zero. */
export function lockedAt(s: VestingInfo, n: number): bigint {
  const elapsed = BigInt(Math.max(0, n - s.starting_block));
  const unlocked = perBlock(s) * elapsed;
  return unlocked >= s.locked ? 0n : s.locked - unlocked;
}

/** The first block at which nothing is locked (FRAME's `ending_block_as_balance`). */
export function endingBlock(s: VestingInfo): bigint {
  const p = perBlock(s);
  const duration = p >= s.locked ? 1n : s.locked / p + (s.locked % p === 0n ? 0n : 1n);
  return duration + BigInt(s.starting_block);
}

/**
 * Merges two schedules at block `now` (FRAME's `merge_vesting_info`): ended schedules drop out;
 * otherwise the new one locks what both still lock, starts at the later of now and their starts,
 * ends at the later end, and releases evenly in between.
 */
export function mergeSchedules(now: number, a: VestingInfo, b: VestingInfo): VestingInfo | undefined {
  const aEnd = endingBlock(a);
  const bEnd = endingBlock(b);
  const at = BigInt(now);
  const aDone = aEnd <= at;
  const bDone = bEnd <= at;
  if (aDone && bDone) return undefined;
  if (aDone) return b;
  if (bDone) return a;
  const locked = lockedAt(a, now) + lockedAt(b, now);
  const ending = max(aEnd, bEnd);
  const starting = Math.max(now, a.starting_block, b.starting_block);
  const duration = max(ending - BigInt(starting), 1n);
  return { locked, per_block: max(locked / duration, 1n), starting_block: starting };
}
