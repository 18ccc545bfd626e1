/**
 * NPoS elections as `sp-npos-elections` computes them: sequential Phragmén, PhragMMS, star
 * balancing, the election score and `reduce`, in exact integer arithmetic (bigint for u128).
 */
export * from "./arithmetic.ts";
export { balance, balanceVoter } from "./balancing.ts";
export { applyElected, maxScoreCandidate, phragmms } from "./phragmms.ts";
export { reduce } from "./reduce.ts";
export { compareScores, type ElectionScore, evaluateSupport, isScoreBetter } from "./score.ts";
export { seqPhragmen, seqPhragmenCore } from "./seqPhragmen.ts";
export { setupInputs } from "./setup.ts";
export type * from "./types.ts";

import type { StakedAssignment } from "./types.ts";

/** `to_supports`: each target's total backing from staked assignments, in first-seen order. */
export function toSupports(assignments: readonly StakedAssignment[]): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const a of assignments) for (const [t, w] of a.distribution) out.set(t, (out.get(t) ?? 0n) + w);
  return out;
}
