/**
 * One GRANDPA round's vote counting (finality-grandpa's `Round`; reference/kusama-runtime.md §4.2):
 * prevotes and precommits of a weighted voter set over the round's base, the prevote-GHOST, the
 * round estimate, completability and the block the round finalizes, with equivocations found and
 * counted as finality-grandpa counts them (an equivocator's weight counts for everything it voted for,
 * and as possibly voting for anything in the supermajority checks).
 */
import { type Ancestry, type BlockRef, VoteGraph } from "./voteGraph.ts";

export type VoteKind = "prevote" | "precommit";

/** Two different votes of one kind by one voter in this round. */
export interface Equivocation {
  kind: VoteKind;
  voter: string;
  first: BlockRef;
  second: BlockRef;
}

/** The outcome of importing a vote. */
export type VoteImport =
  | { kind: "counted" }
  | { kind: "duplicate" }
  | { kind: "equivocation"; equivocation: Equivocation }
  | { kind: "ignored"; reason: "not a voter" | "not above the base" | "already equivocated" };

/** `total − floor((total − 1) / 3)`: the smallest weight no two conflicting sets can both reach. */
export function supermajority(total: bigint): bigint {
  return total - (total > 0n ? (total - 1n) / 3n : 0n);
}

class Tally {
  readonly graph: VoteGraph;
  readonly votes = new Map<string, BlockRef>();
  readonly equivocators = new Set<string>();
  /** Weight of the distinct voters heard from (an equivocator once). */
  cast = 0n;

  constructor(base: BlockRef, ancestry: Ancestry) {
    this.graph = new VoteGraph(base, ancestry);
  }
}

export class Round {
  readonly number: bigint;
  readonly base: BlockRef;
  readonly threshold: bigint;
  readonly total: bigint;
  readonly #voters: ReadonlyMap<string, bigint>;
  readonly #tallies: Record<VoteKind, Tally>;

  constructor(number: bigint, voters: ReadonlyMap<string, bigint>, base: BlockRef, ancestry: Ancestry) {
    this.number = number;
    this.base = base;
    this.#voters = voters;
    this.total = [...voters.values()].reduce((a, b) => a + b, 0n);
    this.threshold = supermajority(this.total);
    this.#tallies = { prevote: new Tally(base, ancestry), precommit: new Tally(base, ancestry) };
  }

  /** Counts `voter`'s vote of `kind` for `target`. */
  vote(kind: VoteKind, voter: string, target: BlockRef): VoteImport {
    const weight = this.#voters.get(voter);
    if (weight === undefined) return { kind: "ignored", reason: "not a voter" };
    const tally = this.#tallies[kind];
    const previous = tally.votes.get(voter);
    if (previous?.hash === target.hash) return { kind: "duplicate" };
    if (tally.equivocators.has(voter)) return { kind: "ignored", reason: "already equivocated" };
    if (!tally.graph.insert(target, weight)) return { kind: "ignored", reason: "not above the base" };
    if (previous) {
      tally.equivocators.add(voter);
      return { kind: "equivocation", equivocation: { kind, voter, first: previous, second: target } };
    }
    tally.votes.set(voter, target);
    tally.cast += weight;
    return { kind: "counted" };
  }

  /** Weight that could still go to any block: voters not heard from, and equivocators. */
  #open(tally: Tally): bigint {
    let equivocated = 0n;
    for (const voter of tally.equivocators) equivocated += this.#voters.get(voter) ?? 0n;
    return this.total - tally.cast + equivocated;
  }

  /** The highest block with a supermajority of prevotes for it and its descendants. */
  prevoteGhost(): BlockRef | undefined {
    const { graph } = this.#tallies.prevote;
    return graph.ghost((hash) => graph.weight(hash) >= this.threshold);
  }

  /** Whether precommits could still give `hash` a supermajority. */
  #possiblePrecommit(hash: string): boolean {
    const tally = this.#tallies.precommit;
    return tally.graph.weight(hash) + this.#open(tally) >= this.threshold;
  }

  /** The highest block at or below the prevote-GHOST that could still get a supermajority of precommits. */
  estimate(): BlockRef | undefined {
    const ghost = this.prevoteGhost();
    if (!ghost) return undefined;
    return this.#precommitGraphAncestor(ghost.hash, (hash) => this.#possiblePrecommit(hash));
  }

  /** The highest block at or below the prevote-GHOST with a supermajority of precommits: finalized by this round. */
  finalized(): BlockRef | undefined {
    const ghost = this.prevoteGhost();
    if (!ghost) return undefined;
    const { graph } = this.#tallies.precommit;
    return this.#precommitGraphAncestor(ghost.hash, (hash) => graph.weight(hash) >= this.threshold);
  }

  /**
   * Completable (the voter may move on): a supermajority has precommitted, and either the estimate
   * is strictly below the prevote-GHOST or no child of the GHOST can reach a precommit supermajority.
   */
  completable(): boolean {
    const ghost = this.prevoteGhost();
    const estimate = this.estimate();
    if (!ghost || !estimate) return false;
    if (this.#tallies.precommit.cast < this.threshold) return false;
    if (estimate.hash !== ghost.hash) return true;
    // Children anyone voted for, in either kind of vote (finality-grandpa keeps one graph of both).
    const children = new Set([
      ...this.#tallies.prevote.graph.children(ghost.hash),
      ...this.#tallies.precommit.graph.children(ghost.hash),
    ]);
    return [...children].every((child) => !this.#possiblePrecommit(child));
  }

  /** The voters who equivocated in votes of `kind`. */
  equivocators(kind: VoteKind): string[] {
    return [...this.#tallies[kind].equivocators];
  }

  /** Prevote ancestry is the chain: walk it, asking the precommit graph's weights. */
  #precommitGraphAncestor(hash: string, qualifies: (hash: string) => boolean): BlockRef | undefined {
    return this.#tallies.prevote.graph.ancestor(hash, qualifies);
  }
}
