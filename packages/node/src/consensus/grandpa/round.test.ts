import { describe, expect, it } from "vitest";
import { type Equivocation, Round, supermajority } from "./round.ts";
import type { Ancestry, BlockRef } from "./voteGraph.ts";

/**
 * A chain for the tests: genesis "G" then blocks named by their letters, each with its parent;
 * `A1 ← A2 ← A3` and a fork `A1 ← B2 ← B3`.
 */
const PARENT: Record<string, string> = { A1: "G", A2: "A1", A3: "A2", A4: "A3", B2: "A1", B3: "B2" };
const NUMBER: Record<string, number> = { G: 0, A1: 1, A2: 2, A3: 3, A4: 4, B2: 2, B3: 3 };
const ancestry: Ancestry = {
  path(base, block) {
    const out: string[] = [];
    let at: string | undefined = block;
    while (at !== undefined && at !== base) {
      out.push(at);
      at = PARENT[at];
    }
    return at === base ? out : undefined;
  },
  number: (hash) => NUMBER[hash],
};
const ref = (hash: string): BlockRef => ({ hash, number: NUMBER[hash]! });
const G = ref("G");

function round(weights: number[] = [1, 1, 1, 1]) {
  const voters = new Map(weights.map((w, i) => [`v${i}`, BigInt(w)]));
  return new Round(1n, voters, G, ancestry);
}

describe("supermajority", () => {
  it("is total − floor((total − 1) / 3), as finality-grandpa's threshold", () => {
    expect([1n, 2n, 3n, 4n, 7n, 10n, 1000n].map(supermajority)).toEqual([1n, 2n, 3n, 3n, 5n, 7n, 667n]);
  });
});

describe("a round", () => {
  it("finds the prevote-GHOST: the highest block with a supermajority of prevotes for it or below", () => {
    const r = round();
    r.vote("prevote", "v0", ref("A3"));
    r.vote("prevote", "v1", ref("A2"));
    expect(r.prevoteGhost()).toBeUndefined(); // 2 of 4 on A1: below 3
    r.vote("prevote", "v2", ref("B3"));
    expect(r.prevoteGhost()).toEqual(ref("A1")); // A1 has all three; A2 only two
    r.vote("prevote", "v3", ref("A4"));
    expect(r.prevoteGhost()).toEqual(ref("A2")); // A2: v0, v1, v3
  });

  it("estimates the highest block at or below the GHOST that precommits could still finalize", () => {
    const r = round();
    for (const [v, b] of [
      ["v0", "A3"],
      ["v1", "A3"],
      ["v2", "A3"],
      ["v3", "B3"],
    ] as const)
      r.vote("prevote", v, ref(b));
    expect(r.prevoteGhost()).toEqual(ref("A3"));
    expect(r.estimate()).toEqual(ref("A3")); // nobody precommitted: anything is possible
    r.vote("precommit", "v0", ref("A2"));
    r.vote("precommit", "v3", ref("B2"));
    // A3 can now get at most v1 + v2 = 2 < 3; A2 can get v0 + v1 + v2 = 3.
    expect(r.estimate()).toEqual(ref("A2"));
    expect(r.finalized()).toBeUndefined();
    r.vote("precommit", "v1", ref("A3"));
    expect(r.completable()).toBe(true); // three precommits, and the estimate is below the GHOST
    r.vote("precommit", "v2", ref("A2"));
    expect(r.finalized()).toEqual(ref("A2"));
  });

  it("is not completable while a child of the GHOST could still be finalized", () => {
    const r = round();
    for (const v of ["v0", "v1", "v2"]) r.vote("prevote", v, ref("A2"));
    r.vote("prevote", "v3", ref("A3"));
    for (const v of ["v0", "v1", "v2"]) r.vote("precommit", v, ref("A2"));
    // GHOST A2 = estimate; A3 (a child) has no precommit and v3 alone cannot reach 3: completable.
    expect(r.completable()).toBe(true);
    const open = round();
    for (const v of ["v0", "v1", "v2", "v3"]) open.vote("prevote", v, ref("A3"));
    open.vote("precommit", "v0", ref("A2"));
    open.vote("precommit", "v1", ref("A2"));
    open.vote("precommit", "v2", ref("A2"));
    // GHOST A3, but A3 can reach at most v3's 1 precommit: the estimate drops to A2, below the GHOST.
    expect(open.estimate()).toEqual(ref("A2"));
    expect(open.completable()).toBe(true);
    const waiting = round();
    for (const v of ["v0", "v1", "v2", "v3"]) waiting.vote("prevote", v, ref("A2"));
    waiting.vote("precommit", "v0", ref("A2"));
    waiting.vote("precommit", "v1", ref("A3"));
    waiting.vote("precommit", "v2", ref("A2"));
    // GHOST A2 = estimate; A3 has v1 and v3 is silent: 2 < 3, so no child can win: completable.
    expect(waiting.completable()).toBe(true);
    const notYet = round();
    for (const v of ["v0", "v1", "v2", "v3"]) notYet.vote("prevote", v, ref("A2"));
    notYet.vote("precommit", "v0", ref("A3"));
    notYet.vote("precommit", "v1", ref("A3"));
    notYet.vote("precommit", "v2", ref("A2"));
    // A3 has two and v3 could make three: a child of the GHOST may still win.
    expect(notYet.completable()).toBe(false);
  });

  it("detects equivocations, counts the equivocator's weight for both votes and as open for any block", () => {
    const r = round();
    expect(r.vote("prevote", "v0", ref("A2"))).toEqual({ kind: "counted" });
    expect(r.vote("prevote", "v0", ref("A2"))).toEqual({ kind: "duplicate" });
    const second = r.vote("prevote", "v0", ref("B2"));
    expect(second.kind).toBe("equivocation");
    const e = (second as { equivocation: Equivocation }).equivocation;
    expect([e.voter, e.first.hash, e.second.hash]).toEqual(["v0", "A2", "B2"]);
    expect(r.vote("prevote", "v0", ref("A3"))).toEqual({ kind: "ignored", reason: "already equivocated" });
    r.vote("prevote", "v1", ref("B3"));
    r.vote("prevote", "v2", ref("B2"));
    // B2: v0 (equivocated), v1, v2 = 3: the supermajority may rest on the equivocator.
    expect(r.prevoteGhost()).toEqual(ref("B2"));
    expect(r.equivocators("prevote")).toEqual(["v0"]);
  });

  it("ignores votes from outside the set and votes not above the base", () => {
    const r = new Round(2n, new Map([["v0", 1n]]), ref("A1"), ancestry);
    expect(r.vote("prevote", "x", ref("A2"))).toEqual({ kind: "ignored", reason: "not a voter" });
    expect(r.vote("prevote", "v0", ref("B3"))).toEqual({ kind: "counted" });
    expect(r.vote("precommit", "v0", ref("G"))).toEqual({ kind: "ignored", reason: "not above the base" });
    expect(r.finalized()).toBeUndefined();
    r.vote("precommit", "v0", ref("B3"));
    expect(r.finalized()).toEqual(ref("B3"));
  });
});
