// Substrate's own unit-test cases (sp-npos-elections tests.rs, phragmms.rs, sp-arithmetic
// normalize tests), with their expected winners, supports and edge weights.
import { describe, expect, it } from "vitest";
import {
  balance,
  evaluateSupport,
  normalize,
  phragmms,
  seqPhragmen,
  seqPhragmenCore,
  setupInputs,
  U64_MAX,
  type VoterInput,
} from "./index.ts";

const ids = (xs: number[]) => xs.map(String);
const voters = (vs: Array<[number, bigint | number, number[]]>): VoterInput[] =>
  vs.map(([w, s, t]) => [String(w), BigInt(s), ids(t)]);
const winners = (r: { winners: Array<[string, bigint]> }) => r.winners.map(([w, s]) => [Number(w), s]);
const edges = (vs: ReturnType<typeof setupInputs>) =>
  vs.voters.map((v) => [
    Number(v.who),
    v.budget,
    v.edges.map((e) => [Number(vs.candidates[e.target]!.who), e.weight]),
  ]);

const poc = voters([
  [10, 10, [1, 2]],
  [20, 20, [1, 3]],
  [30, 30, [2, 3]],
]);

describe("sequential Phragmén (Substrate's cases)", () => {
  it("phragmen_core_poc_works: weights and backings", () => {
    const g = setupInputs(ids([1, 2, 3]), poc);
    seqPhragmenCore(2, g.candidates, g.voters);
    expect(edges(g)).toEqual([
      [10, 10n, [[2, 10n]]],
      [20, 20n, [[3, 20n]]],
      [
        30,
        30n,
        [
          [2, 15n],
          [3, 15n],
        ],
      ],
    ]);
    expect(g.candidates.map((c) => [c.who, c.elected, c.round, c.backed])).toEqual([
      ["1", false, 0, 0n],
      ["2", true, 1, 25n],
      ["3", true, 0, 35n],
    ]);
  });

  it("phragmen_poc_works and with balancing (4 iterations)", () => {
    expect(winners(seqPhragmen(2, ids([1, 2, 3]), poc))).toEqual([
      [3, 35n],
      [2, 25n],
    ]);
    const balanced = seqPhragmen(2, ids([1, 2, 3]), poc, { iterations: 4, tolerance: 0n });
    expect(winners(balanced)).toEqual([
      [3, 30n],
      [2, 30n],
    ]);
    expect(balanced.assignments.find((a) => a.who === "30")!.distribution).toEqual([
      ["2", 20n],
      ["3", 10n],
    ]);
  });

  it("balancing_core_works: 4 iterations on 5 voters", () => {
    const g = setupInputs(
      ids([1, 2, 3, 4, 5]),
      voters([
        [10, 10, [1, 2]],
        [20, 20, [1, 3]],
        [30, 30, [1, 2, 3, 4]],
        [40, 40, [1, 3, 4, 5]],
        [50, 50, [2, 4, 5]],
      ]),
    );
    seqPhragmenCore(4, g.candidates, g.voters);
    expect(balance(g.voters, g.candidates, { iterations: 4, tolerance: 0n })).toBeGreaterThan(0);
    expect(edges(g)).toEqual([
      [
        10,
        10n,
        [
          [1, 9n],
          [2, 1n],
        ],
      ],
      [
        20,
        20n,
        [
          [1, 9n],
          [3, 11n],
        ],
      ],
      [
        30,
        30n,
        [
          [1, 8n],
          [2, 7n],
          [3, 8n],
          [4, 7n],
        ],
      ],
      [
        40,
        40n,
        [
          [1, 11n],
          [3, 18n],
          [4, 11n],
        ],
      ],
      [
        50,
        50n,
        [
          [2, 30n],
          [4, 20n],
        ],
      ],
    ]);
    expect(g.candidates.map((c) => [c.who, c.elected, c.round, c.backed])).toEqual([
      ["1", true, 1, 37n],
      ["2", true, 2, 38n],
      ["3", true, 3, 37n],
      ["4", true, 0, 38n],
      ["5", false, 0, 0n],
    ]);
  });

  it("phragmen_accuracy_on_large_scale_only_candidates", () => {
    const stake = { 1: U64_MAX - 1n, 2: U64_MAX - 4n, 3: U64_MAX - 5n, 4: U64_MAX - 3n, 5: U64_MAX - 2n };
    const self = ([1, 2, 3, 4, 5] as const).map((c): [number, bigint, number[]] => [c, stake[c], [c]]);
    expect(winners(seqPhragmen(2, ids([1, 2, 3, 4, 5]), voters(self)))).toEqual([
      [1, 18446744073709551614n],
      [5, 18446744073709551613n],
    ]);
  });

  it("phragmen_accuracy_on_large_scale_voters_and_candidates", () => {
    const stake = { 1: U64_MAX - 1n, 2: U64_MAX - 4n, 3: U64_MAX - 5n, 4: U64_MAX - 3n, 5: U64_MAX - 2n };
    const vs: Array<[number, bigint, number[]]> = [
      [13, U64_MAX - 10n, [1, 3, 5]],
      [14, U64_MAX, [2, 4]],
      ...([1, 2, 3, 4, 5] as const).map((c): [number, bigint, number[]] => [c, stake[c], [c]]),
    ];
    const r = seqPhragmen(2, ids([1, 2, 3, 4, 5]), voters(vs));
    expect(winners(r)).toEqual([
      [2, 36893488147419103226n],
      [1, 36893488147419103219n],
    ]);
    expect(r.assignments.map((a) => [a.who, a.distribution.map(([t]) => t)])).toEqual([
      ["13", ["1"]],
      ["14", ["2"]],
      ["1", ["1"]],
      ["2", ["2"]],
    ]);
  });

  it("phragmen_accuracy_on_small_scale_self_vote", () => {
    const vs = voters([
      [40, 0, [40]],
      [10, 1, [10]],
      [20, 2, [20]],
      [30, 1, [30]],
    ]);
    expect(winners(seqPhragmen(3, ids([40, 10, 20, 30]), vs))).toEqual([
      [20, 2n],
      [10, 1n],
      [30, 1n],
    ]);
  });

  it("phragmen_large_scale_test", () => {
    const c = [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24];
    const stake = [
      1n,
      100n,
      1000000n,
      100000000001000n,
      100000000002000n,
      100000000003000n,
      400000000000000n,
      400000000001000n,
      18000000000000000n,
      20000000000000000n,
      500000000000100000n,
      500000000000200000n,
    ];
    const vs: Array<[number, bigint, number[]]> = [
      [50, 990000000000000000n, c],
      ...c.map((x, i): [number, bigint, number[]] => [x, stake[i]!, [x]]),
    ];
    expect(winners(seqPhragmen(2, ids(c), voters(vs))).map(([w]) => w)).toEqual([24, 22]);
  });
});

describe("PhragMMS (Substrate's cases)", () => {
  it("basic_election_works: 2 balancing iterations", () => {
    const r = phragmms(2, ids([1, 2, 3]), poc, { iterations: 2, tolerance: 0n });
    expect(winners(r)).toEqual([
      [3, 30n],
      [2, 30n],
    ]);
    expect(r.assignments.map((a) => [a.who, a.distribution])).toEqual([
      ["10", [["2", 10n]]],
      ["20", [["3", 20n]]],
      [
        "30",
        [
          ["2", 20n],
          ["3", 10n],
        ],
      ],
    ]);
  });

  it("linear_voting_example_works", () => {
    const vs = voters([
      [2, 2000, [11]],
      [4, 1000, [11, 21]],
      [6, 1000, [21, 31]],
      [8, 1000, [31, 41]],
      [110, 1000, [41, 51]],
      [120, 1000, [51, 61]],
      [130, 1000, [61, 71]],
    ]);
    const r = phragmms(4, ids([11, 21, 31, 41, 51, 61, 71]), vs, { iterations: 2, tolerance: 0n });
    expect(winners(r)).toEqual([
      [11, 3000n],
      [31, 2000n],
      [51, 1500n],
      [61, 1500n],
    ]);
  });

  it("large_balance_wont_overflow", () => {
    const vs: Array<[number, bigint, number[]]> = Array.from({ length: 1000 }, (_, i) => [
      10 + i,
      U64_MAX,
      [1, 2, 3],
    ]);
    vs.push([2, U64_MAX, [1, 3]]);
    const r = phragmms(2, ids([1, 2, 3]), voters(vs), { iterations: 2, tolerance: 0n });
    expect(r.winners.map(([w]) => w)).toEqual(["1", "3"]);
  });
});

describe("normalize (sp-arithmetic's cases)", () => {
  const n = (xs: number[], t: number) => normalize(xs.map(BigInt), BigInt(t)).map(Number);
  it("bumps the smallest first and trims the largest first", () => {
    expect(n([8, 9, 7, 10], 40)).toEqual([10, 10, 10, 10]);
    expect(n([7, 7, 7, 10], 40)).toEqual([11, 11, 8, 10]);
    expect(n([7, 8, 7, 10], 40)).toEqual([11, 8, 11, 10]);
    expect(n([8, 11, 9, 10], 40)).toEqual([10, 11, 9, 10]);
    expect(n([10, 10, 10, 7], 40)).toEqual([10, 10, 10, 10]);
    expect(n([13, 13, 13, 10], 40)).toEqual([12, 9, 9, 10]);
    expect(n([13, 12, 13, 10], 40)).toEqual([9, 12, 9, 10]);
    expect(n([1, 100, 100], 10)).toEqual([1, 9, 0]);
    expect(n([1, 8, 9], 1)).toEqual([0, 1, 0]);
  });
});

describe("score", () => {
  it("evaluates min, sum and sum of squares", () => {
    expect(evaluateSupport([30n, 30n])).toEqual({ minimalStake: 30n, sumStake: 60n, sumStakeSquared: 1800n });
  });
});
