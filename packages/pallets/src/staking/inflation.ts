/**
 * Kusama's era payout (fellows `relay_era_payout` with `pallet_staking_reward_fn::compute_inflation`):
 * inflation rises linearly to the ideal stake and falls off as `2^((ideal − x)/falloff)` beyond it,
 * the exponential by its Taylor series in exact integers at Perquintill accuracy.
 */
import { max, min, mulPer, PERQUINTILL, perquintill, satSub } from "./arithmetic.ts";

/** `ln 2` in parts per quintillion (the reward function's constant). */
const LN2 = 693_147_180_559_945_309n;
const MILLISECONDS_PER_YEAR = (1000n * 3600n * 24n * 36525n) / 100n;

export interface InflationParams {
  /** All Perquintill parts. */
  idealStake: bigint;
  minInflation: bigint;
  maxInflation: bigint;
  falloff: bigint;
  /** Parachains (ids ≥ 2000) holding auctioned slots, which lower the ideal stake by 1/200 each (≤ 60). */
  auctionedSlots: bigint;
}

/** Kusama's dynamic inflation parameters at v1.6.1. */
export const KUSAMA_INFLATION: InflationParams = {
  idealStake: perquintill(75n, 100n),
  minInflation: perquintill(25n, 1000n),
  maxInflation: perquintill(1n, 10n),
  falloff: perquintill(5n, 100n),
  auctionedSlots: 0n,
};

/** `compute_inflation::<Perquintill>(stake, ideal, falloff)`: the adjustment in parts. */
export function computeInflation(stake: bigint, ideal: bigint, falloff: bigint): bigint {
  if (stake < ideal) return perquintill(stake, ideal);
  if (falloff < PERQUINTILL / 100n) return 0n;
  const ln2DivD = (LN2 * PERQUINTILL) / falloff;
  const excess = stake - ideal;
  // The Taylor series of exp(−excess·ln2/falloff): every term from the last, each step rounding down.
  let term = PERQUINTILL;
  let sum = term;
  let positive = true;
  for (let k = 1n; k < 300n; k++) {
    term = (term * excess * ln2DivD) / k / PERQUINTILL / PERQUINTILL;
    if (term === 0n) break;
    const termPositive = k % 2n === 0n;
    if (positive === termPositive) sum += term;
    else if (sum >= term) sum -= term;
    else {
      positive = !positive;
      sum = term - sum;
    }
  }
  if (!positive || sum > PERQUINTILL) return 0n;
  return sum;
}

/** `[staking payout, remainder]` of an era of `eraMs` milliseconds (Kusama's `EraPayout`). */
export function eraPayout(
  totalStaked: bigint,
  totalStakable: bigint,
  eraMs: bigint,
  params: InflationParams = KUSAMA_INFLATION,
): [bigint, bigint] {
  const periodFraction = perquintill(eraMs, MILLISECONDS_PER_YEAR);
  const legacyAuction = perquintill(min(params.auctionedSlots, 60n), 200n);
  const ideal = satSub(params.idealStake, legacyAuction);
  const delta = satSub(params.maxInflation, params.minInflation);
  const stake = perquintill(totalStaked, totalStakable);
  const adjustment = computeInflation(stake, ideal, params.falloff);
  const stakingInflation = min(PERQUINTILL, params.minInflation + (delta * adjustment) / PERQUINTILL);
  const maxPayout = mulPer((periodFraction * params.maxInflation) / PERQUINTILL, totalStakable, PERQUINTILL);
  const stakingPayout = mulPer((periodFraction * stakingInflation) / PERQUINTILL, totalStakable, PERQUINTILL);
  return [stakingPayout, max(0n, satSub(maxPayout, stakingPayout))];
}
