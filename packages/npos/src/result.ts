import type { Candidate, ElectionResult, Voter } from "./types.ts";

/** Winners ordered by the round that elected them, and each voter's non-zero stake on winners. */
export function electionResult(toElect: number, candidates: Candidate[], voters: Voter[]): ElectionResult {
  const winners = candidates
    .filter((c) => c.elected)
    .slice(0, toElect)
    .sort((a, b) => a.round - b.round)
    .map((c): [string, bigint] => [c.who, c.backed]);
  const assignments = voters
    .map((v) => ({
      who: v.who,
      distribution: v.edges
        .filter((e) => e.weight > 0n && candidates[e.target]!.elected)
        .map((e): [string, bigint] => [candidates[e.target]!.who, e.weight]),
    }))
    .filter((a) => a.distribution.length > 0);
  return { winners, assignments };
}
