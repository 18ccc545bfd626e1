/**
 * The targeted fee adjustment (FRAME's `TargetedFeeAdjustment`, Kusama's `SlowAdjustingFeeUpdate`),
 * run at the end of every block: the multiplier rises when the Normal class used more than the
 * target fullness (25%) of its limit and falls when it used less, by
 * `v·d + v²d²/2` of itself, where d is the distance from the target as a fraction of the limit.
 * FixedU128 arithmetic as sp-arithmetic: products and quotients round to nearest, ties down.
 */
import { maxBig, minBig, minWeight, type Weight } from "@canary/frame";
import type { TransactionPaymentConfig } from "./config.ts";
import { mulDivNearest } from "./fee.ts";
import { FIXED_ONE } from "./types.ts";

const PERBILL = 1_000_000_000n;
const PERQUINTILL = 1_000_000_000_000_000_000n;

const clamp = (x: bigint, lo: bigint, hi: bigint): bigint => minBig(maxBig(x, lo), hi);
const fixedMul = (a: bigint, b: bigint): bigint => mulDivNearest(a, b, FIXED_ONE);
const perbillFromRational = (p: bigint, q: bigint): bigint => minBig((p * PERBILL) / q, PERBILL);

/** The next multiplier after a block whose Normal weight was `normal`. */
export function nextMultiplier(
  c: TransactionPaymentConfig,
  previousMultiplier: bigint,
  normal: Weight,
): bigint {
  const previous = maxBig(previousMultiplier, c.minMultiplier);
  const normalMax = c.limits.perClass.Normal.maxTotal ?? c.limits.maxBlock;
  const used = minWeight(normal, normalMax);
  // The limiting dimension is whichever is relatively fuller (ref time on ties).
  const refTimeFull = perbillFromRational(used.refTime, maxBig(normalMax.refTime, 1n));
  const proofFull = perbillFromRational(used.proofSize, maxBig(normalMax.proofSize, 1n));
  const [block, max] =
    refTimeFull < proofFull ? [used.proofSize, normalMax.proofSize] : [used.refTime, normalMax.refTime];
  const target = mulDivNearest(max, c.targetFullness, PERQUINTILL);
  const positive = block >= target;
  const diffAbs = positive ? block - target : target - block;
  const diff = mulDivNearest(diffAbs, FIXED_ONE, maxBig(max, 1n));
  const v = c.adjustmentVariable;
  const vSquaredHalf = mulDivNearest(fixedMul(v, v), FIXED_ONE, 2n * FIXED_ONE);
  const firstTerm = fixedMul(v, diff);
  const secondTerm = fixedMul(vSquaredHalf, fixedMul(diff, diff));
  if (positive) {
    return clamp(previous + fixedMul(firstTerm + secondTerm, previous), c.minMultiplier, c.maxMultiplier);
  }
  const negative = fixedMul(maxBig(firstTerm - secondTerm, 0n), previous);
  return clamp(maxBig(previous - negative, 0n), c.minMultiplier, c.maxMultiplier);
}
