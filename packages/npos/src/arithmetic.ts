/**
 * The integer arithmetic of `sp-arithmetic` that the elections depend on, over bigint: u128
 * saturation, `multiply_by_rational_with_rounding` (rounding down, saturating when the result
 * does not fit) and `normalize`, whose exact leftover distribution decides who gets the last planck.
 */

/** `ExtendedBalance::MAX`: every amount inside an election is a u128. */
export const U128_MAX = (1n << 128n) - 1n;
/** `VoteWeight::MAX`: a voter's stake is a u64. */
export const U64_MAX = (1n << 64n) - 1n;

export const satAdd = (a: bigint, b: bigint): bigint => (a + b > U128_MAX ? U128_MAX : a + b);
export const satSub = (a: bigint, b: bigint): bigint => (a > b ? a - b : 0n);
export const satMul = (a: bigint, b: bigint): bigint => (a * b > U128_MAX ? U128_MAX : a * b);

/** `a·b/d` rounded down; a result beyond u128, or d = 0, gives u128::MAX as Substrate's `unwrap_or`. */
export function mulDivDown(a: bigint, b: bigint, d: bigint): bigint {
  if (d === 0n) return U128_MAX;
  const r = (a * b) / d;
  return r > U128_MAX ? U128_MAX : r;
}

/** `n/d` rounded to the nearest, ties down (`Rounding::NearestPrefDown`). */
export function divNearestPrefDown(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d > d / 2n ? q + 1n : q;
}

/**
 * Adjusts `input` so it sums to `target`, as `sp_arithmetic::normalize`: the difference is spread
 * `diff / len` per element and then one by one, bumping the smallest values first (or trimming the
 * largest), in an order fixed by a stable sort, so the result is the same everywhere.
 */
export function normalize(input: readonly bigint[], target: bigint): bigint[] {
  let sum = 0n;
  for (const x of input) sum += x;
  const count = input.length;
  if (count === 0) return [];
  if (sum === target) return input.slice();
  const countN = BigInt(count);
  const diff = target > sum ? target - sum : sum - target;
  const perRound = diff / countN;
  let leftover = diff % countN;
  const out = input.map((value, index) => ({ index, value }));
  out.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  if (target > sum) {
    let i = 0;
    const threshold = target / countN;
    if (perRound !== 0n) {
      for (let k = 0; k < count; k++) {
        out[i]!.value += perRound;
        if (out[i]!.value >= threshold) i = (i + 1) % count;
      }
    }
    for (; leftover !== 0n; leftover--) {
      out[i]!.value += 1n;
      if (out[i]!.value >= threshold) i = (i + 1) % count;
    }
  } else {
    let i = count - 1;
    const threshold = out[0]!.value;
    const prev = () => (i === 0 ? count - 1 : i - 1);
    if (perRound !== 0n) {
      for (let k = 0; k < count; k++) {
        const e = out[i]!;
        if (e.value < perRound) {
          leftover += perRound - e.value;
          e.value = 0n;
        } else e.value -= perRound;
        if (e.value <= threshold) i = prev();
      }
    }
    while (leftover !== 0n) {
      const e = out[i]!;
      if (e.value > 0n) {
        e.value -= 1n;
        if (e.value <= threshold) i = prev();
        leftover--;
      } else i = prev();
    }
  }
  out.sort((a, b) => a.index - b.index);
  return out.map((e) => e.value);
}

/** A PerThing's accuracy: Perbill is 10^9 parts, PerU16 65535, Percent 100. */
export const PERBILL = 1_000_000_000n;
export const PERCENT = 100n;
export const PER_U16 = 65_535n;

/** `P::from_rational(p, q)`: `p/q` in parts of `accuracy`, rounded down; one when p ≥ q. */
export function perThingFromRational(p: bigint, q: bigint, accuracy: bigint): bigint {
  if (q === 0n || p >= q) return accuracy;
  return (p * accuracy) / q;
}

/** `P::mul_ceil(x)`: x·parts/accuracy rounded up, saturating at u128. */
export function perThingMulCeil(parts: bigint, accuracy: bigint, x: bigint): bigint {
  const r = (x * parts + accuracy - 1n) / accuracy;
  return r > U128_MAX ? U128_MAX : r;
}
