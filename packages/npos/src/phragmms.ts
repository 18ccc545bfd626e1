/**
 * PhragMMS (`phragmms.rs`): each round elects the candidate with the highest
 * approval / (1 + Σ over its voters of their elected edges' weight/backing), measured in parts of a
 * PerThing (`accuracy`, Perbill by default), gives it its voters' unused stake plus a share of their
 * stake on targets backed above the new winner's score, and (optionally) balances after each round.
 */
import { divNearestPrefDown, PERBILL, perThingFromRational, satAdd, satMul, satSub } from "./arithmetic.ts";
import { balance } from "./balancing.ts";
import { electionResult } from "./result.ts";
import { setupInputs } from "./setup.ts";
import type { BalancingConfig, Candidate, ElectionResult, Voter, VoterInput } from "./types.ts";

export function phragmms(
  toElect: number,
  candidateIds: readonly string[],
  voterInputs: readonly VoterInput[],
  balancing?: BalancingConfig,
  accuracy: bigint = PERBILL,
): ElectionResult {
  const { candidates, voters } = setupInputs(candidateIds, voterInputs);
  for (let round = 0; round < toElect; round++) {
    const winner = maxScoreCandidate(candidates, voters, accuracy);
    if (winner === undefined) break;
    applyElected(voters, candidates, winner);
    candidates[winner]!.round = round;
    candidates[winner]!.elected = true;
    if (balancing) balance(voters, candidates, balancing);
  }
  return electionResult(toElect, candidates, voters);
}

/** `calculate_max_score`: the index of this round's winner, or undefined when none is left. */
export function maxScoreCandidate(
  candidates: Candidate[],
  voters: Voter[],
  accuracy: bigint,
): number | undefined {
  for (const c of candidates) {
    if (!c.elected) {
      c.scoreN = 1n;
      c.scoreD = accuracy;
    }
  }
  for (const voter of voters) {
    let contribution = 0n;
    for (const e of voter.edges) {
      const c = candidates[e.target]!;
      if (c.elected) contribution += perThingFromRational(e.weight, c.backed, accuracy);
    }
    for (const e of voter.edges) {
      const c = candidates[e.target]!;
      if (!c.elected) c.scoreD += contribution;
    }
  }
  let best: number | undefined;
  let bestN = 0n;
  let bestD = 1n;
  candidates.forEach((c, i) => {
    if (c.approval > 0n) {
      c.scoreN = satMul(c.approval, accuracy);
      // Strictly greater: the first of equal scores wins.
      if (!c.elected && c.scoreN * bestD > bestN * c.scoreD) {
        best = i;
        bestN = c.scoreN;
        bestD = c.scoreD;
      }
    } else {
      c.scoreN = 0n;
      c.scoreD = 1n;
    }
  });
  return best;
}

/** `apply_elected`: moves stake onto the new winner, before it is marked elected. */
export function applyElected(voters: Voter[], candidates: Candidate[], winner: number): void {
  const w = candidates[winner]!;
  const cutoff = divNearestPrefDown(w.scoreN, w.scoreD);
  let wBacked = w.backed;
  for (const voter of voters) {
    const at = voter.edges.findIndex((e) => e.target === winner);
    if (at === -1) continue;
    let used = 0n;
    for (const e of voter.edges) used += e.weight;
    let newWeight = satSub(voter.budget, used);
    wBacked = satAdd(wBacked, newWeight);
    voter.edges.forEach((e, i) => {
      if (i === at || e.weight === 0n) return;
      const c = candidates[e.target]!;
      if (c.backed > cutoff) {
        const take = satMul(e.weight, cutoff) / (c.backed > 1n ? c.backed : 1n);
        e.weight = satSub(e.weight, take);
        c.backed = satSub(c.backed, take);
        wBacked = satAdd(wBacked, take);
        newWeight = satAdd(newWeight, take);
      }
    });
    voter.edges[at]!.weight = newWeight;
  }
  w.backed = wBacked;
}
