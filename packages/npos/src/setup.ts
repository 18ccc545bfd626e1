import type { Candidate, Voter, VoterInput } from "./types.ts";

/**
 * `setup_inputs`: builds the graph. As Substrate, votes for non-candidates and duplicate votes are
 * dropped, voters left without a vote are dropped, and a candidate listed twice is found at its
 * last position (the lookup is a map that the later entry overwrites).
 */
export function setupInputs(
  candidateIds: readonly string[],
  voterInputs: readonly VoterInput[],
): { candidates: Candidate[]; voters: Voter[] } {
  const index = new Map<string, number>();
  const candidates = candidateIds.map((who, i): Candidate => {
    index.set(who, i);
    return { who, approval: 0n, backed: 0n, elected: false, round: 0, scoreN: 0n, scoreD: 1n };
  });
  const voters: Voter[] = [];
  for (const [who, stake, targets] of voterInputs) {
    const edges: Voter["edges"] = [];
    const seen = new Set<number>();
    for (const t of targets) {
      const c = index.get(t);
      if (c === undefined || seen.has(c)) continue;
      seen.add(c);
      candidates[c]!.approval += stake;
      edges.push({ target: c, weight: 0n, loadN: 0n, loadD: 1n });
    }
    if (edges.length > 0) voters.push({ who, budget: stake, edges, loadN: 0n, loadD: 1n });
  }
  return { candidates, voters };
}
