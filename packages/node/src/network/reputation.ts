/**
 * Peer reputation, in the manner of Substrate's peerset: offences cost points, a peer whose score
 * falls below the threshold is disconnected and refused for a while, and scores recover with time.
 */

export const COST = {
  /** A message that does not decode, a handshake for another chain, an invalid block (see sync/). */
  fatal: -1_000_000,
  /** A response that does not answer the request (wrong blocks, not linked). */
  badResponse: -100_000,
  /** A request that decodes but cannot be answered as asked (a block not finalized here, too many keys). */
  badRequest: -20_000,
  /** No answer within the timeout. */
  timeout: -10_000,
  /** A transaction the pool refuses as invalid. */
  badTransaction: -1_000,
} as const;

export const BAN_THRESHOLD = -500_000;
/** How long a banned peer is refused. */
export const BAN_MS = 60_000;
/** Beyond this many peers on record, the forgiven ones are forgotten. */
const MAX_TRACKED = 10_000;
/** Scores halve every minute (decay toward zero). */
const HALF_LIFE_MS = 60_000;

interface Entry {
  score: number;
  at: number;
  bannedUntil: number;
}

export class Reputation {
  readonly #peers = new Map<string, Entry>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  score(peer: string): number {
    const e = this.#peers.get(peer);
    if (!e) return 0;
    const halvings = (this.#now() - e.at) / HALF_LIFE_MS;
    return Math.trunc(e.score / 2 ** halvings);
  }

  /** Applies `cost`; true when the peer is now banned and must be disconnected. */
  report(peer: string, cost: number): boolean {
    const now = this.#now();
    const score = this.score(peer) + cost;
    const prev = this.#peers.get(peer);
    const banned = score < BAN_THRESHOLD;
    if (this.#peers.size >= MAX_TRACKED) this.#forget(now);
    this.#peers.set(peer, { score, at: now, bannedUntil: banned ? now + BAN_MS : (prev?.bannedUntil ?? 0) });
    return banned;
  }

  /** Drops peers that are not banned and whose score has all but recovered. */
  #forget(now: number): void {
    for (const [peer, e] of this.#peers) {
      if (e.bannedUntil <= now && Math.abs(this.score(peer)) < 1_000) this.#peers.delete(peer);
    }
  }

  isBanned(peer: string): boolean {
    return (this.#peers.get(peer)?.bannedUntil ?? 0) > this.#now();
  }
}
