/**
 * A GRANDPA vote graph (finality-grandpa's `VoteGraph`): votes for blocks above a round's base,
 * each block holding the weight of the votes for it and its descendants. GHOST queries walk from
 * the base down the heaviest qualifying child; under a supermajority threshold at most one child
 * of a block can qualify, so the walk is unique.
 */

export interface BlockRef {
  /** The block hash, hex. */
  readonly hash: string;
  readonly number: number;
}

/** What a round needs of the chain. */
export interface Ancestry {
  /**
   * The hashes from `block` (first) back to `base` (excluded), or undefined when `block` does not
   * descend from `base` (or is unknown).
   */
  path(base: string, block: string): string[] | undefined;
  number(hash: string): number | undefined;
}

export class VoteGraph {
  readonly base: BlockRef;
  readonly #ancestry: Ancestry;
  readonly #weight = new Map<string, bigint>();
  readonly #children = new Map<string, Set<string>>();
  readonly #parent = new Map<string, string>();

  constructor(base: BlockRef, ancestry: Ancestry) {
    this.base = base;
    this.#ancestry = ancestry;
    this.#weight.set(base.hash, 0n);
  }

  /** Adds `weight` to `vote` and every block between it and the base; false if it is not above the base. */
  insert(vote: BlockRef, weight: bigint): boolean {
    const path = vote.hash === this.base.hash ? [] : this.#ancestry.path(this.base.hash, vote.hash);
    if (!path) return false;
    const chain = [...path, this.base.hash];
    for (let i = 0; i < chain.length; i++) {
      const hash = chain[i]!;
      this.#weight.set(hash, (this.#weight.get(hash) ?? 0n) + weight);
      const parent = chain[i + 1];
      if (parent !== undefined) {
        this.#parent.set(hash, parent);
        const kids = this.#children.get(parent) ?? new Set<string>();
        kids.add(hash);
        this.#children.set(parent, kids);
      }
    }
    return true;
  }

  /** The weight of the votes for `hash` and its descendants. */
  weight(hash: string): bigint {
    return this.#weight.get(hash) ?? 0n;
  }

  children(hash: string): string[] {
    return [...(this.#children.get(hash) ?? [])].sort();
  }

  ref(hash: string): BlockRef {
    const number = hash === this.base.hash ? this.base.number : this.#ancestry.number(hash);
    return { hash, number: number ?? this.base.number };
  }

  /**
   * The highest block, from `start` (the base by default) down, whose subtree satisfies
   * `qualifies`; undefined when `start` itself does not.
   */
  ghost(qualifies: (hash: string) => boolean, start: string = this.base.hash): BlockRef | undefined {
    if (!qualifies(start)) return undefined;
    let at = start;
    for (;;) {
      const next = this.children(at)
        .filter(qualifies)
        .sort((a, b) =>
          this.weight(b) > this.weight(a) ? 1 : this.weight(b) < this.weight(a) ? -1 : a < b ? -1 : 1,
        )[0];
      if (next === undefined) return this.ref(at);
      at = next;
    }
  }

  /** The highest ancestor-or-self of `hash` (down to the base) that satisfies `qualifies`. */
  ancestor(hash: string, qualifies: (hash: string) => boolean): BlockRef | undefined {
    let at: string | undefined = hash;
    while (at !== undefined) {
      if (qualifies(at)) return this.ref(at);
      at = at === this.base.hash ? undefined : this.#parent.get(at);
    }
    return undefined;
  }

  /** Whether `ancestor` is `hash` or one of its ancestors in the graph. */
  isAncestor(ancestor: string, hash: string): boolean {
    let at: string | undefined = hash;
    while (at !== undefined) {
      if (at === ancestor) return true;
      at = this.#parent.get(at);
    }
    return false;
  }
}
