/**
 * Star balancing (`balancing.rs`): each voter in turn spreads its stake over its elected targets so
 * that their backings come as close to equal as its budget allows. Deterministic: every voter once
 * per pass, in input order, at most `iterations` passes, stopping early once no voter moved more
 * than `tolerance`.
 */
import { satAdd, satMul, satSub } from "./arithmetic.ts";
import { normalizeElected } from "./normalizeVoter.ts";
import type { BalancingConfig, Candidate, Edge, Voter } from "./types.ts";

/** Runs the passes; returns how many ran. */
export function balance(voters: Voter[], candidates: Candidate[], config: BalancingConfig): number {
  if (config.iterations <= 0) return 0;
  let iteration = 0;
  for (;;) {
    let maxDiff = 0n;
    for (const voter of voters) {
      const diff = balanceVoter(voter, candidates, config.tolerance);
      if (diff > maxDiff) maxDiff = diff;
    }
    iteration++;
    if (maxDiff <= config.tolerance || iteration >= config.iterations) return iteration;
  }
}

/** Balances one voter; returns how unbalanced it was (the largest gap plus its unused stake). */
export function balanceVoter(voter: Voter, candidates: Candidate[], tolerance: bigint): bigint {
  const elected: Edge[] = voter.edges.filter((e) => candidates[e.target]!.elected);
  // None, or only one (e.g. a self vote): nothing to spread.
  if (elected.length <= 1) return 0n;
  const backedOf = (e: Edge) => candidates[e.target]!.backed;

  let used = 0n;
  let maxUsed: bigint | undefined;
  let minBacked: bigint | undefined;
  for (const e of elected) {
    used = satAdd(used, e.weight);
    const b = backedOf(e);
    if (minBacked === undefined || b < minBacked) minBacked = b;
    if (e.weight > 0n && (maxUsed === undefined || b > maxUsed)) maxUsed = b;
  }
  let difference: bigint;
  if (maxUsed !== undefined) {
    difference = satAdd(satSub(maxUsed, minBacked!), satSub(voter.budget, used));
    if (difference < tolerance) return difference;
  } else difference = voter.budget;

  for (const e of elected) {
    const c = candidates[e.target]!;
    c.backed = satSub(c.backed, e.weight);
    e.weight = 0n;
  }
  // A stable sort, as Rust's sort_by_key: equal backings keep the voter's edge order.
  const sorted = elected.slice().sort((a, b) => {
    const x = backedOf(a);
    const y = backedOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });

  // The longest prefix whose backings the budget can lift to a common level.
  let cumulative = 0n;
  let last = sorted.length - 1;
  for (let i = 0; i < sorted.length; i++) {
    const b = backedOf(sorted[i]!);
    if (satSub(satMul(b, BigInt(i)), cumulative) > voter.budget) {
      last = i - 1;
      break;
    }
    cumulative = satAdd(cumulative, b);
  }
  const lastStake = backedOf(sorted[last]!);
  const ways = BigInt(last + 1);
  const excess = satSub(satAdd(voter.budget, cumulative), satMul(lastStake, ways));
  for (const e of sorted.slice(0, last + 1)) {
    const c = candidates[e.target]!;
    e.weight = satSub(satAdd(excess / ways, lastStake), c.backed);
    c.backed = satAdd(c.backed, e.weight);
  }
  // Integer division can leave a planck or two unassigned.
  normalizeElected(voter, candidates);
  return difference;
}
