/**
 * Sequential Phragmén (`phragmen.rs`) with exactly Substrate's integer arithmetic: loads are
 * rationals over DEN = u128::MAX, each voter's contribution to a score is rounded down on its own,
 * and sums saturate at u128::MAX, so the winners and backings match `seq_phragmen` planck for planck.
 *
 * Substrate recomputes every score from every edge each round (rounds × edges). A score is
 * 1/approval plus one rounded term per approving voter, and a voter's term changes only when its
 * load does, which happens only when it backs the round's winner. So this keeps each candidate's
 * sum of terms and each edge's current term, and updates just the winner's voters: the same
 * numbers, in rounds × (edges of the winner's voters) instead.
 */

import { mulDivDown, satAdd, satSub, U128_MAX } from "./arithmetic.ts";
import { balance } from "./balancing.ts";
import { normalizeElected } from "./normalizeVoter.ts";
import { electionResult } from "./result.ts";
import { setupInputs } from "./setup.ts";
import type { BalancingConfig, Candidate, ElectionResult, Voter, VoterInput } from "./types.ts";

const DEN = U128_MAX;

export function seqPhragmen(
  toElect: number,
  candidateIds: readonly string[],
  voterInputs: readonly VoterInput[],
  balancing?: BalancingConfig,
): ElectionResult {
  const { candidates, voters } = setupInputs(candidateIds, voterInputs);
  seqPhragmenCore(toElect, candidates, voters);
  if (balancing) balance(voters, candidates, balancing);
  return electionResult(toElect, candidates, voters);
}

/** The election proper (`seq_phragmen_core`): marks winners, sets edge weights and backings. */
export function seqPhragmenCore(toElect: number, candidates: Candidate[], voters: Voter[]): void {
  const rounds = Math.min(toElect, candidates.length);
  // Who votes for each candidate: voter indices and edge positions, in voter order.
  const backers: Array<Array<[voter: number, edge: number]>> = candidates.map(() => []);
  voters.forEach((v, vi) => {
    v.edges.forEach((e, ei) => {
      backers[e.target]!.push([vi, ei]);
    });
  });
  // Per candidate: Σ of its voters' rounded terms load_v·budget_v/approval_c (exact, unsaturated).
  const termSum = candidates.map(() => 0n);
  // Per voter and edge: the term it currently contributes.
  const terms = voters.map((v) => v.edges.map(() => 0n));

  for (let round = 0; round < rounds; round++) {
    let winner = -1;
    let best = 0n;
    let bestInfinite = false;
    for (let c = 0; c < candidates.length; c++) {
      const cand = candidates[c]!;
      if (cand.elected) continue;
      // No approval: the score is u128::MAX / 1, larger than any score over DEN.
      const infinite = cand.approval === 0n;
      const score = infinite ? U128_MAX : satAdd(DEN / cand.approval, termSum[c]!);
      cand.scoreN = score;
      cand.scoreD = infinite ? 1n : DEN;
      // Strictly better only: ties go to the first in candidate order, as `min_by_key`.
      if (winner === -1 || (!infinite && (bestInfinite || score < best))) {
        winner = c;
        best = score;
        bestInfinite = infinite;
      }
    }
    if (winner === -1) break;
    const w = candidates[winner]!;
    w.elected = true;
    w.round = round;
    for (const [vi, ei] of backers[winner]!) {
      const voter = voters[vi]!;
      const edge = voter.edges[ei]!;
      // `lazy_saturating_sub`: numerators only; a zero load leaves the score as it is.
      edge.loadN = voter.loadN === 0n ? w.scoreN : satSub(w.scoreN, voter.loadN);
      edge.loadD = w.scoreD;
      voter.loadN = w.scoreN;
      voter.loadD = w.scoreD;
      // The voter's terms towards its other unelected candidates change with its load.
      const vTerms = terms[vi]!;
      voter.edges.forEach((other, oi) => {
        const c = candidates[other.target]!;
        if (c.elected || c.approval === 0n) return;
        const term = mulDivDown(voter.loadN, voter.budget, c.approval);
        termSum[other.target] = termSum[other.target]! + term - vTerms[oi]!;
        vTerms[oi] = term;
      });
    }
  }

  for (const voter of voters) {
    for (const edge of voter.edges) {
      const c = candidates[edge.target]!;
      edge.weight = c.elected ? mulDivDown(voter.budget, edge.loadN, voter.loadN) : 0n;
      c.backed = satAdd(c.backed, edge.weight);
    }
    // Zero edges would turn into phantom backings when normalised.
    voter.edges = voter.edges.filter((e) => e.weight > 0n);
    normalizeElected(voter, candidates);
  }
}
