/**
 * The election score (`ElectionScore`) and its comparisons: a higher minimal backing is better,
 * then a higher sum, then a lower sum of squares. Sums saturate at u128, as on chain.
 */
import { PERBILL, perThingMulCeil, satAdd, satMul, satSub, U128_MAX } from "./arithmetic.ts";

export interface ElectionScore {
  minimalStake: bigint;
  sumStake: bigint;
  sumStakeSquared: bigint;
}

/** `evaluate_support`: the score of a set of winners' total backings (no winners: minimal = u128::MAX). */
export function evaluateSupport(totals: Iterable<bigint>): ElectionScore {
  let minimalStake = U128_MAX;
  let sumStake = 0n;
  let sumStakeSquared = 0n;
  for (const t of totals) {
    sumStake = satAdd(sumStake, t);
    sumStakeSquared = satAdd(sumStakeSquared, satMul(t, t));
    if (t < minimalStake) minimalStake = t;
  }
  return { minimalStake, sumStake, sumStakeSquared };
}

/** The total order on scores (`Ord for ElectionScore`): positive when `a` is the better one. */
export function compareScores(a: ElectionScore, b: ElectionScore): -1 | 0 | 1 {
  const pairs: Array<[bigint, bigint]> = [
    [a.minimalStake, b.minimalStake],
    [a.sumStake, b.sumStake],
    [b.sumStakeSquared, a.sumStakeSquared],
  ];
  for (const [x, y] of pairs) if (x !== y) return x > y ? 1 : -1;
  return 0;
}

/** `ThresholdOrd::tcmp`: equal when within `threshold` of `other`. */
function thresholdCompare(self: bigint, other: bigint, threshold: bigint): -1 | 0 | 1 {
  const cmp = (x: bigint, y: bigint) => (x > y ? 1 : x < y ? -1 : 0);
  if (threshold === 0n) return cmp(self, other);
  const upper = satAdd(other, threshold);
  const lower = satSub(other, threshold);
  if (upper <= lower) return cmp(self, other);
  if (self > lower && self > upper) return 1;
  if (self < lower && self < upper) return -1;
  return 0;
}

/**
 * `strict_threshold_better` (formerly `is_score_better`): whether `self` beats `other` by more than
 * `epsilon` (parts of `accuracy`, a Perbill by default) of `other` in the first component that
 * differs by that much: minimal stake up, else sum up, else sum of squares down.
 */
export function isScoreBetter(
  self: ElectionScore,
  other: ElectionScore,
  epsilon: bigint,
  accuracy: bigint = PERBILL,
): boolean {
  const tcmp = (x: bigint, y: bigint) => thresholdCompare(x, y, perThingMulCeil(epsilon, accuracy, y));
  const om = tcmp(self.minimalStake, other.minimalStake);
  const os = tcmp(self.sumStake, other.sumStake);
  const oq = tcmp(self.sumStakeSquared, other.sumStakeSquared);
  const m = self.minimalStake >= other.minimalStake;
  const s = self.sumStake >= other.sumStake;
  if (om === 1) return true;
  if (m && om === 0 && os === 1) return true;
  if (m && om === 0 && s && os === 0 && oq === -1) return true;
  return false;
}
