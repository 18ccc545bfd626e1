/**
 * Vesting's weights in the shape of FRAME's benchmarks (a base, the lock and schedule reads and
 * writes, growing with the schedules an account has). Placeholders until Canary benchmarks its own.
 */
import { type Weight, weight } from "@canary/frame";
import { READ, WRITE } from "../system/weights.ts";

/** The worst case: an account holding the most schedules, its locks and its balance. */
const w = (base: bigint, reads: bigint, writes: bigint, schedules: number): Weight =>
  weight(base + 100_000n * BigInt(schedules) + reads * READ + writes * WRITE, 4_764n);

export const weights = {
  vest: (maxSchedules: number): Weight => w(40_000_000n, 2n, 2n, maxSchedules),
  vestOther: (maxSchedules: number): Weight => w(42_000_000n, 3n, 3n, maxSchedules),
  vestedTransfer: (maxSchedules: number): Weight => w(75_000_000n, 3n, 3n, maxSchedules),
  forceVestedTransfer: (maxSchedules: number): Weight => w(78_000_000n, 4n, 4n, maxSchedules),
  mergeSchedules: (maxSchedules: number): Weight => w(45_000_000n, 3n, 3n, maxSchedules),
  forceRemoveVestingSchedule: (maxSchedules: number): Weight => w(44_000_000n, 3n, 3n, maxSchedules),
};
