import { normalize, satAdd, satSub } from "./arithmetic.ts";
import type { Candidate, Voter } from "./types.ts";

/**
 * `Voter::try_normalize_elected`: makes the weights on elected edges sum to the budget, moving the
 * candidates' backing with them. Unelected edges are left alone.
 */
export function normalizeElected(voter: Voter, candidates: Candidate[]): void {
  const elected = voter.edges.filter((e) => candidates[e.target]!.elected);
  const fixed = normalize(
    elected.map((e) => e.weight),
    voter.budget,
  );
  elected.forEach((edge, i) => {
    const c = candidates[edge.target]!;
    c.backed = satSub(c.backed, edge.weight);
    edge.weight = fixed[i]!;
    c.backed = satAdd(c.backed, edge.weight);
  });
}
