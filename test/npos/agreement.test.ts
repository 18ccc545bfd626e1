// (Here rather than in packages/npos: the seeded generator is Node-side, the package is pure.)
// Agreement with an independent, textbook sequential Phragmén over exact rationals (no rounding
// at all) on seeded random cases; and the invariants balancing and reduce must keep.

import {
  balance,
  reduce,
  seqPhragmen,
  seqPhragmenCore,
  setupInputs,
  toSupports,
  type VoterInput,
} from "@canary/npos";
import { describe, expect, it } from "vitest";
import { seeded } from "../support/seeded.ts";

interface Q {
  n: bigint;
  d: bigint;
}
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
const q = (n: bigint, d = 1n): Q => {
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};
const add = (a: Q, b: Q) => q(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Q, b: Q) => q(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d);
const div = (a: Q, b: Q) => q(a.n * b.d, a.d * b.n);
const cmp = (a: Q, b: Q) => Number(a.n * b.d - b.n * a.d > 0n) - Number(a.n * b.d - b.n * a.d < 0n);

/**
 * Phragmén's method as in the papers: every elected candidate's load 1 is spread so that voters end
 * with equal loads; the next winner is the one whose election would give its voters the smallest
 * new load, (1 + Σ stake·load) / approval. Returns undefined when a round has an exact tie.
 * Candidates nobody backs with stake come last, as in Substrate, which fills every seat it can.
 */
function textbookPhragmen(toElect: number, candidates: string[], voters: VoterInput[]) {
  const approvals = new Map<string, bigint>();
  const vs = voters.map(([who, stake, targets]) => {
    const ts = [...new Set(targets.filter((t) => candidates.includes(t)))];
    for (const t of ts) approvals.set(t, (approvals.get(t) ?? 0n) + stake);
    return { who, stake, targets: ts, load: q(0n), edgeLoad: new Map<string, Q>() };
  });
  const elected: string[] = [];
  for (let round = 0; round < Math.min(toElect, candidates.length); round++) {
    let best: { who: string; score: Q } | undefined;
    let tie = false;
    for (const c of candidates) {
      const a = approvals.get(c) ?? 0n;
      if (elected.includes(c) || a === 0n) continue;
      let score = q(1n);
      for (const v of vs) if (v.targets.includes(c)) score = add(score, mul(q(v.stake), v.load));
      score = div(score, q(a));
      const order = best === undefined ? -1 : cmp(score, best.score);
      if (order === 0) tie = true;
      if (order < 0) {
        best = { who: c, score };
        tie = false;
      }
    }
    // Substrate fills the seats with unbacked candidates last, in list order (score "infinite").
    const unbacked = candidates.find((c) => !elected.includes(c));
    if (best === undefined && unbacked !== undefined) best = { who: unbacked, score: q(0n) };
    if (best === undefined) break;
    if (tie) return undefined;
    elected.push(best.who);
    for (const v of vs) {
      if (!v.targets.includes(best.who)) continue;
      v.edgeLoad.set(best.who, sub(best.score, v.load));
      v.load = best.score;
    }
  }
  const support = new Map<string, Q>(elected.map((e) => [e, q(0n)]));
  for (const v of vs) {
    for (const [c, l] of v.edgeLoad) support.set(c, add(support.get(c)!, div(mul(q(v.stake), l), v.load)));
  }
  return elected.map((e) => [e, support.get(e)!.n / support.get(e)!.d] as const);
}

function randomCase(r: ReturnType<typeof seeded>) {
  const candidates = Array.from({ length: r.between(2, 12) }, (_, i) => `c${i}`);
  const voters: VoterInput[] = Array.from({ length: r.between(1, 40) }, (_, i) => {
    const targets = Array.from({ length: r.between(1, 5) }, () => candidates[r.below(candidates.length)]!);
    // Also votes for someone who is not a candidate, which must be ignored.
    if (r.below(10) === 0) targets.push("nobody");
    const stake = BigInt(r.between(0, 1_000_000)) * BigInt(r.between(1, 1_000_000)) + BigInt(r.below(1000));
    return [`v${i}`, stake, targets];
  });
  return { toElect: r.between(1, candidates.length + 1), candidates, voters };
}

describe("sequential Phragmén against a textbook implementation", () => {
  it("elects the same winners in the same order, with supports within rounding", () => {
    const r = seeded();
    let compared = 0;
    for (let i = 0; i < 300; i++) {
      const c = randomCase(r);
      const expected = textbookPhragmen(c.toElect, c.candidates, c.voters);
      if (expected === undefined) continue; // an exact tie: either order is right
      const got = seqPhragmen(c.toElect, c.candidates, c.voters);
      expect(got.winners.map(([w]) => w)).toEqual(expected.map(([w]) => w));
      // Each edge weight is rounded down once, then each voter's weights are topped up to its
      // stake: a support is off by at most the number of edges.
      const edges = BigInt(c.voters.reduce((n, [, , t]) => n + t.length, 0));
      got.winners.forEach(([, backed], k) => {
        const diff = backed - expected[k]![1];
        expect(diff <= edges && -diff <= edges, `support ${backed} vs ${expected[k]![1]}`).toBe(true);
      });
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
  });
});

describe("balancing and reduce keep stake where it belongs", () => {
  it("balancing keeps every voter's stake and every backing equal to its edges", () => {
    const r = seeded();
    for (let i = 0; i < 100; i++) {
      const c = randomCase(r);
      const g = setupInputs(c.candidates, c.voters);
      seqPhragmenCore(c.toElect, g.candidates, g.voters);
      const before = g.candidates.reduce((s, x) => s + x.backed, 0n);
      balance(g.voters, g.candidates, { iterations: r.between(1, 10), tolerance: 0n });
      const sums = new Map<number, bigint>();
      for (const v of g.voters) {
        const used = v.edges.reduce((s, e) => s + e.weight, 0n);
        if (v.edges.length > 0) expect(used).toBe(v.budget);
        for (const e of v.edges) sums.set(e.target, (sums.get(e.target) ?? 0n) + e.weight);
      }
      g.candidates.forEach((x, k) => {
        expect(x.backed).toBe(sums.get(k) ?? 0n);
      });
      expect(g.candidates.reduce((s, x) => s + x.backed, 0n)).toBe(before);
    }
  });

  it("reduce leaves a forest with the same supports and voter totals", () => {
    const r = seeded();
    for (let i = 0; i < 100; i++) {
      const c = randomCase(r);
      const { assignments } = seqPhragmen(c.toElect, c.candidates, c.voters, {
        iterations: 2,
        tolerance: 0n,
      });
      const supports = toSupports(assignments);
      const totals = assignments.map((a) => a.distribution.reduce((s, [, w]) => s + w, 0n));
      const edgesBefore = assignments.reduce((n, a) => n + a.distribution.length, 0);
      const removed = reduce(assignments);
      const edgesAfter = assignments.reduce((n, a) => n + a.distribution.length, 0);
      expect(edgesAfter).toBe(edgesBefore - removed);
      expect(toSupports(assignments)).toEqual(supports);
      expect(assignments.map((a) => a.distribution.reduce((s, [, w]) => s + w, 0n))).toEqual(totals);
      // A forest: fewer edges than nodes.
      const nodes = assignments.length + supports.size;
      expect(edgesAfter).toBeLessThan(nodes + (nodes === 0 ? 1 : 0));
    }
  });

  it("reduce removes the 4-cycle of two voters on the same two winners", () => {
    const a = [
      { who: "x", distribution: [["A", 5n] as [string, bigint], ["B", 5n] as [string, bigint]] },
      { who: "y", distribution: [["A", 3n] as [string, bigint], ["B", 7n] as [string, bigint]] },
    ];
    expect(reduce(a)).toBe(1);
    expect(toSupports(a)).toEqual(
      new Map([
        ["A", 8n],
        ["B", 12n],
      ]),
    );
    expect(a.reduce((n, x) => n + x.distribution.length, 0)).toBe(3);
  });
});
