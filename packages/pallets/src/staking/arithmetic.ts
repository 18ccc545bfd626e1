/**
 * The `sp-arithmetic` operations staking's results depend on, in bigint: `Perbill`/`Perquintill`
 * from a ratio (rounding down), times a balance (`NearestPrefDown`), and times each other (down).
 */
import { divNearestPrefDown, PERBILL, perThingFromRational } from "@canary/npos";

export const PERQUINTILL = 1_000_000_000_000_000_000n;
export { PERBILL };

/** `Perbill::from_rational(p, q)` in parts (one when p ≥ q or q = 0). */
export const perbill = (p: bigint, q: bigint): bigint => perThingFromRational(p, q, PERBILL);

/** `Perquintill::from_rational(p, q)` in parts. */
export const perquintill = (p: bigint, q: bigint): bigint => perThingFromRational(p, q, PERQUINTILL);

/** `P * balance`: parts/accuracy of `x`, rounded to the nearest, ties down. */
export const mulPer = (parts: bigint, x: bigint, accuracy: bigint = PERBILL): bigint =>
  divNearestPrefDown(x * parts, accuracy);

/** `P::mul_floor(x)`. */
export const mulFloor = (parts: bigint, x: bigint, accuracy: bigint = PERBILL): bigint =>
  (x * parts) / accuracy;

/** `P::mul_ceil(x)`. */
export const mulCeil = (parts: bigint, x: bigint, accuracy: bigint): bigint =>
  (x * parts + accuracy - 1n) / accuracy;

export const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
export const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
export const satSub = (a: bigint, b: bigint): bigint => (a > b ? a - b : 0n);
