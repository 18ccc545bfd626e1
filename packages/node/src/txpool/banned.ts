/**
 * The hashes of transactions found invalid, each refused until its ban ends. Bounded as
 * Substrate's pool rotator is: past `expectedSize` entries the expired ones are dropped, and if
 * that is not enough, the oldest. Without a bound, a peer sending distinct invalid transactions
 * would grow the node's memory for as long as it runs (an expired ban was never removed).
 */
export class BannedTransactions {
  /** Ban end by transaction id, in the order the bans began (re-banning moves an id to the end). */
  readonly #until = new Map<string, number>();
  readonly #expectedSize: number;

  constructor(expectedSize = 20_000) {
    this.#expectedSize = expectedSize;
  }

  get size(): number {
    return this.#until.size;
  }

  ban(id: string, until: number, now: number): void {
    this.#until.delete(id);
    this.#until.set(id, until);
    if (this.#until.size <= this.#expectedSize) return;
    for (const [key, end] of this.#until) if (end <= now) this.#until.delete(key);
    // Still too many live bans: the oldest go first (they end first, the ban length being one).
    for (const key of this.#until.keys()) {
      if (this.#until.size <= this.#expectedSize) break;
      this.#until.delete(key);
    }
  }

  isBanned(id: string, now: number): boolean {
    const until = this.#until.get(id);
    if (until === undefined) return false;
    if (until > now) return true;
    this.#until.delete(id);
    return false;
  }
}
