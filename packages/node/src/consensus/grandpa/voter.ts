/**
 * The GRANDPA voter (finality-grandpa's `Voter`, reference/kusama-runtime.md §4.2): rounds of
 * prevotes and precommits by the authority set, counted by `Round`; a round's precommit
 * supermajority finalizes a block, which goes out as a commit and is kept as a justification at
 * set changes and every `justificationPeriod` blocks. A node without a key of the set observes:
 * it counts the votes and applies commits. Time comes from a `Clock` and messages go through a
 * `GrandpaTransport`, so the same voter runs over libp2p and in tests.
 *
 * The set is the runtime's at the last finalized block (`GrandpaApi`): the runtime enacts a
 * scheduled change in block N + delay, so once that block is finalized the set of its state is the
 * new one, exactly when Substrate's client applies a standard change. Votes never go past a block
 * that enacts a change, so that block is finalized by a round of the old set and its
 * justification is stored.
 */
import { type Keypair, signGrandpaVote, verifyGrandpaVote } from "@canary/crypto";
import { GrandpaApi } from "@canary/frame";
import {
  fromHex,
  GRANDPA_ENGINE_ID,
  GrandpaConsensusLog,
  type GrandpaEquivocationProof,
  type GrandpaGossipMessage,
  GrandpaJustification,
  type GrandpaSignedMessage,
  type Header,
  toHex,
} from "@canary/primitives";
import type { Clock } from "../../authorship/slots.ts";
import { systemClock } from "../../authorship/slots.ts";
import type { Chain } from "../../chain/chain.ts";
import { apiAt } from "../../chain/runtimeApi.ts";
import type { Logger } from "../../service/logger.ts";
import { ChainAncestry, refOf } from "./chainAncestry.ts";
import { type Equivocation, Round, type VoteKind } from "./round.ts";
import type { GrandpaMessageSink, GrandpaTransport, GrandpaVoterSet, PeerId } from "./transport.ts";
import type { BlockRef } from "./voteGraph.ts";

export interface GrandpaVoterOptions {
  chain: Chain;
  transport: GrandpaTransport;
  /** This node's `gran` (ed25519) key for an authority, if it holds it. */
  keys: (publicKey: Uint8Array) => Keypair | undefined;
  log: Logger;
  clock?: Clock;
  /** T, the gossip duration: prevote after 2T, precommit after 4T (Kusama: 1 s). */
  gossipDurationMs?: number;
  /** Store a justification at least every this many blocks (Substrate: 512). */
  justificationPeriod?: number;
  /**
   * While a round does not complete, its votes and this voter's view go out again this often
   * (Substrate's gossip `REBROADCAST_AFTER`, 5 minutes): peers that lost them — a partition that
   * healed — get them again.
   */
  rebroadcastMs?: number;
  /** Each equivocation seen, with the proof an on-chain report carries (both signed votes). */
  onEquivocation?: (
    equivocation: Equivocation & { round: bigint; setId: bigint; proof?: GrandpaEquivocationProof },
  ) => void;
}

/** How many rounds ahead votes are kept for. */
const FUTURE_ROUNDS = 1_024n;

/** Reputation costs for messages the voter finds bad (gossip already checked signatures). */
export const VOTER_COST = { badCommit: -200_000, badSignature: -100_000 } as const;

interface RoundState {
  round: Round;
  startedAt: number;
  prevoted: boolean;
  precommitted: boolean;
  signed: Record<VoteKind, Map<string, GrandpaSignedMessage>>;
  /**
   * An equivocator's second vote. The round counts its weight for both targets, so a commit or
   * catch-up built from the round carries both, or peers could not count what this voter counted.
   */
  equivocated: Record<VoteKind, GrandpaSignedMessage[]>;
  /** Votes for blocks not imported yet, retried as blocks arrive. */
  pending: Array<{ kind: VoteKind; signed: GrandpaSignedMessage }>;
}

interface VoterSet extends GrandpaVoterSet {
  weights: Map<string, bigint>;
}

export class GrandpaVoter implements GrandpaMessageSink {
  readonly #o: Required<Omit<GrandpaVoterOptions, "onEquivocation">> &
    Pick<GrandpaVoterOptions, "onEquivocation">;
  readonly #ancestry: ChainAncestry;
  #set!: VoterSet;
  #current!: RoundState;
  #previous: RoundState | undefined;
  /** The previous round's estimate: votes must build on it. */
  #lastEstimate!: BlockRef;
  #timers: unknown[] = [];
  /** Votes of rounds this voter has not reached yet. */
  readonly #future = new Map<bigint, Array<{ kind: VoteKind; signed: GrandpaSignedMessage }>>();
  /** Peers seen voting rounds ahead of this voter, and the round. */
  readonly #ahead = new Map<PeerId, bigint>();
  #stopped = true;
  #unsubscribe: (() => void) | undefined;
  readonly equivocations: Array<
    Equivocation & { round: bigint; setId: bigint; proof?: GrandpaEquivocationProof }
  > = [];
  readonly #justificationListeners = new Set<(justification: Uint8Array) => void>();
  /** Forced changes signalled in imported blocks, not yet applied, by signal block. */
  readonly #forced = new Map<
    string,
    { signal: BlockRef; median: number; delay: number; authorities: Array<[Uint8Array, bigint]> }
  >();

  constructor(options: GrandpaVoterOptions) {
    this.#o = {
      clock: systemClock,
      gossipDurationMs: 1_000,
      justificationPeriod: 512,
      rebroadcastMs: 5 * 60_000,
      ...options,
    };
    this.#ancestry = new ChainAncestry(options.chain);
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#loadSet();
    this.#startRound(1n);
    // Forced changes signalled above the finalized block take effect on import, not on finality.
    const { chain } = this.#o;
    for (let n = chain.finalized().number + 1; n <= chain.best().number; n++) {
      const hash = chain.blocks.hashAt(n);
      const header = hash && chain.header(hash);
      if (hash && header) this.#noteForced(header, hash);
    }
    this.#unsubscribe = chain.onImported(({ header, hash }) => {
      this.#noteForced(header, hash);
      this.#retryPending();
    });
  }

  stop(): void {
    this.#stopped = true;
    for (const t of this.#timers) this.#o.clock.clearTimeout(t);
    this.#timers = [];
    this.#unsubscribe?.();
  }

  /** Where this voter stands, as `grandpa_roundState` reports it. */
  state() {
    const { round } = this.#current;
    const tally = (kind: VoteKind) => {
      const voted = this.#current.signed[kind];
      return {
        currentWeight: this.#weight(voted),
        missing: this.#set.authorities.filter((a) => !voted.has(toHex(a.id))).map((a) => a.id),
      };
    };
    return {
      setId: this.#set.setId,
      round: round.number,
      totalWeight: round.total,
      thresholdWeight: round.threshold,
      prevotes: tally("prevote"),
      precommits: tally("precommit"),
    };
  }

  /** Calls `listener` with each justification (SCALE) of a block this voter finalizes; returns the unsubscribe. */
  onJustification(listener: (justification: Uint8Array) => void): () => void {
    this.#justificationListeners.add(listener);
    return () => this.#justificationListeners.delete(listener);
  }

  voterSet(setId: bigint): GrandpaVoterSet | undefined {
    return setId === this.#set.setId ? this.#set : undefined;
  }

  onMessage(peer: PeerId, message: GrandpaGossipMessage): void {
    if (this.#stopped) return;
    if (message.tag === "Vote") {
      const { round, setId, message: signed } = message.value;
      if (setId !== this.#set.setId) return;
      // A peer voting rounds ahead: this voter missed them (a restart); ask that peer to catch it up.
      if (round > this.#current.round.number + 1n) this.#ahead.set(peer, round);
      if (!verifyGrandpaVote(signed, round, setId)) {
        this.#o.transport.report(peer, VOTER_COST.badSignature, "a GRANDPA vote with a bad signature");
        return;
      }
      const state =
        round === this.#current.round.number
          ? this.#current
          : round === this.#previous?.round.number
            ? this.#previous
            : undefined;
      if (signed.message.tag === "PrimaryPropose") return;
      const kind: VoteKind = signed.message.tag === "Prevote" ? "prevote" : "precommit";
      if (!state) {
        this.#keepForLater(round, kind, signed);
        return;
      }
      this.#importVote(state, kind, signed);
      this.#progress();
    } else if (message.tag === "CatchUpRequest") {
      this.#answerCatchUp(peer, message.value.round, message.value.setId);
    } else if (message.tag === "CatchUp") {
      try {
        this.#applyCatchUp(message.value.setId, message.value.message);
      } catch (e) {
        this.#o.transport.report(
          peer,
          VOTER_COST.badCommit,
          `a bad GRANDPA catch-up: ${(e as Error).message}`,
        );
      }
    } else if (message.tag === "Commit") {
      const { round, setId, message: commit } = message.value;
      if (setId !== this.#set.setId) return;
      // A node behind the voters hears their commits before it has the blocks: not the sender's
      // fault. A later commit, or the block's justification on sync, finalizes it.
      if (!this.#o.chain.header(commit.targetHash)) return;
      const signed = commit.precommits.map((precommit, i) => ({
        precommit,
        signature: commit.authData[i]?.[0] ?? new Uint8Array(64),
        id: commit.authData[i]?.[1] ?? new Uint8Array(32),
      }));
      const justification = {
        round,
        commit: { targetHash: commit.targetHash, targetNumber: commit.targetNumber, precommits: signed },
        votesAncestries: [],
      };
      try {
        this.#applyCommit(justification);
      } catch (e) {
        this.#o.transport.report(peer, VOTER_COST.badCommit, `a bad GRANDPA commit: ${(e as Error).message}`);
      }
    }
  }

  /**
   * A justification from sync or RPC: verified against the set that finalizes the block (the set
   * at its parent), then applied. Throws when it does not hold.
   */
  importJustification(hash: Uint8Array, encoded: Uint8Array): void {
    const j = GrandpaJustification.dec(encoded);
    if (toHex(j.commit.targetHash) !== toHex(hash))
      throw new Error(`the justification is for ${toHex(j.commit.targetHash)}, not ${toHex(hash)}`);
    this.#applyCommit(j);
  }

  // --- rounds ---

  /** Notes the forced changes `header` signals, then applies those due on the best chain. */
  #noteForced(header: Header, hash: Uint8Array): void {
    if (this.#stopped) return;
    for (const log of grandpaLogs(header)) {
      if (log.tag !== "ForcedChange") continue;
      const [median, change] = log.value;
      this.#forced.set(toHex(hash), {
        signal: refOf(hash, header.number),
        median,
        delay: change.delay,
        authorities: change.nextAuthorities,
      });
    }
    this.#applyForced();
  }

  /**
   * A forced change (Substrate's, after `note_stalled`) takes effect once the best chain holds the
   * block `delay` after its signal: the new set votes from round 1 on top of the median last
   * finalized block it names, whatever this node finalized — finality had stalled.
   */
  #applyForced(): void {
    const { chain } = this.#o;
    const best = chain.best();
    for (const [key, change] of this.#forced) {
      const enactedAt = change.signal.number + change.delay;
      if (best.number < enactedAt) continue;
      const onBest =
        toHex(chain.blocks.hashAt(change.signal.number) ?? new Uint8Array()) === change.signal.hash;
      if (!onBest) continue;
      this.#forced.delete(key);
      const enacted = chain.blocks.hashAt(enactedAt)!;
      const setId = apiAt(chain, enacted, GrandpaApi).current_set_id();
      if (setId <= this.#set.setId) continue; // applied already, or finalized past it
      this.#set = {
        setId,
        authorities: change.authorities.map(([id, weight]) => ({ id, weight })),
        weights: new Map(change.authorities.map(([id, weight]) => [toHex(id), weight])),
      };
      const base = chain.blocks.hashAt(change.median);
      if (base && change.median >= chain.finalized().number) this.#lastEstimate = refOf(base, change.median);
      else this.#lastEstimate = refOf(chain.finalized().hash, chain.finalized().number);
      this.#previous = undefined;
      this.#o.log.info(
        `🔀 GRANDPA forced change at #${enactedAt}: set ${setId} votes from #${this.#lastEstimate.number}`,
      );
      this.#startRound(1n);
    }
  }

  #loadSet(): void {
    const { chain } = this.#o;
    const finalized = chain.finalized();
    const api = apiAt(chain, finalized.hash, GrandpaApi);
    const list = api.grandpa_authorities();
    const setId = api.current_set_id();
    this.#set = {
      setId,
      authorities: list.map(([id, weight]) => ({ id, weight })),
      weights: new Map(list.map(([id, weight]) => [toHex(id), weight])),
    };
    this.#lastEstimate = refOf(finalized.hash, finalized.number);
    this.#previous = undefined;
  }

  #startRound(number: bigint): void {
    for (const t of this.#timers) this.#o.clock.clearTimeout(t);
    const base = this.#o.chain.finalized();
    this.#current = {
      round: new Round(number, this.#set.weights, refOf(base.hash, base.number), this.#ancestry),
      startedAt: this.#o.clock.now(),
      prevoted: false,
      precommitted: false,
      signed: { prevote: new Map(), precommit: new Map() },
      equivocated: { prevote: [], precommit: [] },
      pending: [],
    };
    // Votes that came early (a peer rounds ahead, or before a catch-up) count from the start.
    for (const [round, votes] of this.#future) {
      if (round <= number) this.#future.delete(round);
      if (round === number) for (const v of votes) this.#importVote(this.#current, v.kind, v.signed);
    }
    const T = this.#o.gossipDurationMs;
    this.#timers = [2 * T, 4 * T].map((ms) => this.#o.clock.setTimeout(() => this.#progress(), ms));
    for (const [peer, round] of this.#ahead) if (round <= number + 1n) this.#ahead.delete(peer);
    this.#scheduleCatchUp(number);
    this.#scheduleRebroadcast(number);
    this.#o.transport.setView({
      round: number,
      setId: this.#set.setId,
      finalizedNumber: this.#o.chain.finalized().number,
    });
  }

  #weight(votes: Map<string, GrandpaSignedMessage>): bigint {
    let sum = 0n;
    for (const voter of votes.keys()) sum += this.#set.weights.get(voter) ?? 0n;
    return sum;
  }

  /** Keeps a vote of a later round (a bounded number of rounds ahead) until this voter gets there. */
  #keepForLater(round: bigint, kind: VoteKind, signed: GrandpaSignedMessage): void {
    const current = this.#current.round.number;
    if (round <= current || round > current + FUTURE_ROUNDS) return;
    const voter = toHex(signed.id);
    if (!this.#set.weights.has(voter)) return;
    // Per voter and kind, a vote and an equivocation: no one voter's votes (nor a non-voter's) can
    // crowd out the others'.
    const votes = this.#future.get(round) ?? [];
    if (votes.filter((v) => v.kind === kind && toHex(v.signed.id) === voter).length >= 2) return;
    votes.push({ kind, signed });
    this.#future.set(round, votes);
  }

  /** Every 4T while peers are rounds ahead, asks each for the last round it completed. */
  #scheduleCatchUp(number: bigint): void {
    const timer = this.#o.clock.setTimeout(() => {
      if (this.#stopped || this.#current.round.number !== number) return;
      for (const [peer, round] of this.#ahead) {
        this.#o.transport.sendTo(peer, {
          tag: "CatchUpRequest",
          value: { round: round - 1n, setId: this.#set.setId },
        });
      }
      this.#scheduleCatchUp(number);
    }, 4 * this.#o.gossipDurationMs);
    this.#timers.push(timer);
  }

  /**
   * Every `rebroadcastMs` while round `number` lasts: its votes, the previous round's and the
   * view, to every peer again.
   */
  #scheduleRebroadcast(number: bigint): void {
    const timer = this.#o.clock.setTimeout(() => {
      if (this.#stopped || this.#current.round.number !== number) return;
      const setId = this.#set.setId;
      // The previous round's too: peers still in it need its precommits to complete it.
      for (const state of [this.#previous, this.#current]) {
        if (!state) continue;
        const round = state.round.number;
        for (const kind of ["prevote", "precommit"] as const) {
          for (const message of votesOf(state, kind))
            this.#o.transport.broadcast({ tag: "Vote", value: { round, setId, message } });
        }
      }
      this.#o.transport.setView({ round: number, setId, finalizedNumber: this.#o.chain.finalized().number });
      this.#scheduleRebroadcast(number);
    }, this.#o.rebroadcastMs);
    this.#timers.push(timer);
  }

  #elapsed(): number {
    return this.#o.clock.now() - this.#current.startedAt;
  }

  /** Moves the round on as far as time and votes allow. */
  #progress(): void {
    if (this.#stopped) return;
    const state = this.#current;
    const T = this.#o.gossipDurationMs;
    if (!state.prevoted && this.#elapsed() >= 2 * T) {
      state.prevoted = true;
      const target = this.#prevoteTarget();
      if (target) this.#castVote(state, "prevote", target);
    }
    const ghost = state.round.prevoteGhost();
    if (
      state.prevoted &&
      !state.precommitted &&
      ghost &&
      this.#ancestry.descends(ghost, this.#lastEstimate)
    ) {
      // After 4T, or at once when every voter has prevoted (nothing can move the GHOST further).
      if (this.#elapsed() >= 4 * T || this.#weight(state.signed.prevote) >= state.round.total) {
        state.precommitted = true;
        this.#castVote(state, "precommit", ghost);
      }
    }
    this.#finalizeFrom(state);
    if (state.precommitted && state.round.completable()) {
      this.#lastEstimate = state.round.estimate() ?? this.#lastEstimate;
      this.#previous = state;
      this.#startRound(state.round.number + 1n);
    }
  }

  /**
   * The prevote: on the best chain, never the last 2 blocks (`BeforeBestBlockBy(2)`), at most ¾ of
   * the unfinalized chain, not past a block that enacts a set change, and on top of the last
   * round's estimate.
   */
  #prevoteTarget(): BlockRef | undefined {
    const { chain } = this.#o;
    const best = chain.best();
    const finalized = chain.finalized();
    const unfinalized = best.number - finalized.number;
    let number = Math.min(best.number - 2, finalized.number + Math.floor((unfinalized * 3) / 4));
    number = Math.min(number, this.#changeLimit(finalized.number, number));
    if (number <= this.#lastEstimate.number) return this.#lastEstimate;
    const hash = chain.blocks.hashAt(number);
    if (!hash) return this.#lastEstimate;
    const target = refOf(hash, number);
    return this.#ancestry.descends(target, this.#lastEstimate) ? target : this.#lastEstimate;
  }

  /** The first block above `from` (up to `to`) that enacts a scheduled change, else `to`. */
  #changeLimit(from: number, to: number): number {
    const { chain } = this.#o;
    for (let n = from + 1; n <= to; n++) {
      const header = chain.blocks.hashAt(n) && chain.header(chain.blocks.hashAt(n)!);
      if (!header) return to;
      for (const log of grandpaLogs(header)) {
        if (log.tag === "ScheduledChange") return Math.min(to, n + log.value.delay);
        if (log.tag === "ForcedChange") return Math.min(to, n + log.value[1].delay);
      }
    }
    return to;
  }

  #castVote(state: RoundState, kind: VoteKind, target: BlockRef): void {
    const pairs = this.#set.authorities.flatMap((a) => {
      const pair = this.#o.keys(a.id);
      return pair ? [pair] : [];
    });
    for (const pair of pairs) {
      const value = { targetHash: fromHex(target.hash), targetNumber: target.number };
      const message =
        kind === "prevote" ? { tag: "Prevote" as const, value } : { tag: "Precommit" as const, value };
      const signed = signGrandpaVote(pair, message, state.round.number, this.#set.setId);
      this.#importVote(state, kind, signed);
      this.#o.transport.broadcast({
        tag: "Vote",
        value: { round: state.round.number, setId: this.#set.setId, message: signed },
      });
    }
  }

  #importVote(state: RoundState, kind: VoteKind, signed: GrandpaSignedMessage): void {
    const target = signed.message.value;
    const ref = refOf(target.targetHash, target.targetNumber);
    const voter = toHex(signed.id);
    const result = state.round.vote(kind, voter, ref);
    if (result.kind === "counted") state.signed[kind].set(voter, signed);
    else if (result.kind === "ignored" && result.reason === "not above the base") {
      if (!this.#o.chain.header(target.targetHash)) state.pending.push({ kind, signed });
    } else if (result.kind === "equivocation") {
      state.equivocated[kind].push(signed);
      const first = state.signed[kind].get(voter);
      const setId = this.#set.setId;
      const proof: GrandpaEquivocationProof | undefined = first && {
        setId,
        equivocation: {
          tag: kind === "prevote" ? "Prevote" : "Precommit",
          value: {
            roundNumber: state.round.number,
            identity: signed.id,
            first: [first.message.value, first.signature],
            second: [target, signed.signature],
          },
        },
      };
      const found = { ...result.equivocation, round: state.round.number, setId, ...(proof ? { proof } : {}) };
      this.equivocations.push(found);
      this.#o.log.warn(`⚠️ GRANDPA equivocation by ${voter} in round ${state.round.number} (${kind}s)`);
      this.#o.onEquivocation?.(found);
    }
  }

  #retryPending(): void {
    if (this.#stopped) return;
    for (const state of [this.#current, this.#previous]) {
      if (!state || state.pending.length === 0) continue;
      const waiting = state.pending.splice(0);
      for (const { kind, signed } of waiting) this.#importVote(state, kind, signed);
    }
    this.#progress();
  }

  // --- catch-up ---

  /** Answers with the last round this voter completed, if the peer is behind it. */
  #answerCatchUp(peer: PeerId, round: bigint, setId: bigint): void {
    const done = this.#previous;
    if (setId !== this.#set.setId || !done || done.round.number < round) return;
    const base = done.round.base;
    this.#o.transport.sendTo(peer, {
      tag: "CatchUp",
      value: {
        setId,
        message: {
          roundNumber: done.round.number,
          prevotes: votesOf(done, "prevote").map((v) => ({
            prevote: v.message.value,
            signature: v.signature,
            id: v.id,
          })),
          precommits: votesOf(done, "precommit").map((v) => ({
            precommit: v.message.value,
            signature: v.signature,
            id: v.id,
          })),
          baseHash: fromHex(base.hash),
          baseNumber: base.number,
        },
      },
    });
  }

  /**
   * A completed round of a peer ahead of us: every vote checked, the round recounted here, and only
   * if it is completable does this voter take it as its previous round and move to the next.
   */
  #applyCatchUp(
    setId: bigint,
    c: Extract<GrandpaGossipMessage, { tag: "CatchUp" }>["value"]["message"],
  ): void {
    if (setId !== this.#set.setId || c.roundNumber <= this.#current.round.number) return;
    const base = this.#o.chain.finalized();
    const state: RoundState = {
      round: new Round(c.roundNumber, this.#set.weights, refOf(base.hash, base.number), this.#ancestry),
      startedAt: this.#o.clock.now(),
      prevoted: true,
      precommitted: true,
      signed: { prevote: new Map(), precommit: new Map() },
      equivocated: { prevote: [], precommit: [] },
      pending: [],
    };
    const votes: Array<[VoteKind, GrandpaSignedMessage]> = [
      ...c.prevotes.map((v): [VoteKind, GrandpaSignedMessage] => [
        "prevote",
        { message: { tag: "Prevote", value: v.prevote }, signature: v.signature, id: v.id },
      ]),
      ...c.precommits.map((v): [VoteKind, GrandpaSignedMessage] => [
        "precommit",
        { message: { tag: "Precommit", value: v.precommit }, signature: v.signature, id: v.id },
      ]),
    ];
    for (const [kind, signed] of votes) {
      if (!verifyGrandpaVote(signed, c.roundNumber, setId)) throw new Error(`a ${kind} with a bad signature`);
      this.#importVote(state, kind, signed);
    }
    // Votes for blocks this node has not imported yet are not the peer's fault: a later catch-up will do.
    if (state.pending.length > 0) return;
    if (!state.round.completable())
      throw new Error(`round ${c.roundNumber} is not completable from its votes`);
    this.#finalizeFrom(state);
    this.#lastEstimate = state.round.estimate() ?? this.#lastEstimate;
    this.#previous = state;
    this.#o.log.debug(`GRANDPA caught up to round ${c.roundNumber}`);
    this.#startRound(c.roundNumber + 1n);
  }

  // --- finality ---

  #finalizeFrom(state: RoundState): void {
    const target = state.round.finalized();
    if (!target || target.number <= this.#o.chain.finalized().number) return;
    const precommits = votesOf(state, "precommit")
      .filter((s) =>
        this.#ancestry.descends(refOf(s.message.value.targetHash, s.message.value.targetNumber), target),
      )
      .map((s) => ({ precommit: s.message.value, signature: s.signature, id: s.id }));
    const justification = {
      round: state.round.number,
      commit: { targetHash: fromHex(target.hash), targetNumber: target.number, precommits },
      votesAncestries: [],
    };
    this.#finalize(justification, true);
  }

  /** Checks a commit or justification against the current set and the local chain, then finalizes. */
  #applyCommit(j: GrandpaJustification): void {
    const target = refOf(j.commit.targetHash, j.commit.targetNumber);
    if (target.number <= this.#o.chain.finalized().number) return;
    if (!this.#o.chain.header(j.commit.targetHash))
      throw new Error(`it finalizes #${target.number}, a block not known here`);
    let weight = 0n;
    const seen = new Set<string>();
    for (const { precommit, signature, id } of j.commit.precommits) {
      const voter = toHex(id);
      const w = this.#set.weights.get(voter);
      if (w === undefined) throw new Error(`${voter} is not a voter of set ${this.#set.setId}`);
      if (
        !verifyGrandpaVote(
          { message: { tag: "Precommit", value: precommit }, signature, id },
          j.round,
          this.#set.setId,
        )
      )
        throw new Error(`the precommit of ${voter} has a bad signature`);
      if (!this.#ancestry.descends(refOf(precommit.targetHash, precommit.targetNumber), target))
        throw new Error(`the precommit of ${voter} is not for the target or a descendant`);
      if (!seen.has(voter)) weight += w;
      seen.add(voter);
    }
    const total = this.#set.authorities.reduce((a, b) => a + b.weight, 0n);
    const threshold = total - (total > 0n ? (total - 1n) / 3n : 0n);
    if (weight < threshold)
      throw new Error(`its precommits weigh ${weight}, under the threshold ${threshold}`);
    this.#finalize(j, false);
    if (j.round >= this.#current.round.number && !this.#stopped) {
      this.#lastEstimate = target;
      this.#startRound(j.round + 1n);
    }
  }

  #finalize(j: GrandpaJustification, ours: boolean): void {
    const { chain } = this.#o;
    const target = refOf(j.commit.targetHash, j.commit.targetNumber);
    const full = { ...j, votesAncestries: this.#ancestries(j, target) };
    const setBefore = this.#set.setId;
    const api = apiAt(chain, j.commit.targetHash, GrandpaApi);
    // Set ids only grow: a block below a forced change's enactment has the older one.
    const changes = api.current_set_id() > setBefore;
    const keep = changes || target.number % this.#o.justificationPeriod === 0;
    const encoded = GrandpaJustification.enc(full);
    try {
      // Off this node's best chain, finality moves it there (Substrate's finality-enforced reorg).
      chain.finalize(j.commit.targetHash, { justification: encoded, keep, setChange: changes });
    } catch (e) {
      this.#o.log.warn(
        `GRANDPA finalized #${target.number}, which this node cannot: ${(e as Error).message}`,
      );
      return;
    }
    for (const listener of this.#justificationListeners) listener(encoded);
    if (ours) {
      this.#o.transport.broadcast({
        tag: "Commit",
        value: {
          round: j.round,
          setId: setBefore,
          message: {
            targetHash: j.commit.targetHash,
            targetNumber: j.commit.targetNumber,
            precommits: j.commit.precommits.map((p) => p.precommit),
            authData: j.commit.precommits.map((p) => [p.signature, p.id] as [Uint8Array, Uint8Array]),
          },
        },
      });
    }
    if (changes) {
      this.#o.log.info(
        `🔀 GRANDPA authority set ${setBefore} ends at #${target.number}; the next set votes from round 1`,
      );
      this.#loadSet();
      this.#startRound(1n);
    }
  }

  /** The headers between each precommit's target and the commit's target (excluded), each once. */
  #ancestries(j: GrandpaJustification, target: BlockRef): Header[] {
    const seen = new Map<string, Header>();
    for (const { precommit } of j.commit.precommits) {
      const path = this.#ancestry.path(target.hash, toHex(precommit.targetHash)) ?? [];
      for (const hash of path) {
        const header = this.#ancestry.header(hash);
        if (header) seen.set(hash, header);
      }
    }
    return [...seen.values()];
  }
}

/** The GRANDPA consensus logs of a header that decode. */
function grandpaLogs(header: Header): GrandpaConsensusLog[] {
  const logs: GrandpaConsensusLog[] = [];
  for (const item of header.digest) {
    if (item.tag !== "Consensus" || toHex(item.value.engine) !== toHex(GRANDPA_ENGINE_ID)) continue;
    try {
      logs.push(GrandpaConsensusLog.dec(item.value.data));
    } catch {
      // Not a log this version knows: the runtime's, not ours to judge.
    }
  }
  return logs;
}

/** A round's votes of `kind`: one per voter, and an equivocator's second. */
function votesOf(state: RoundState, kind: VoteKind): GrandpaSignedMessage[] {
  return [...state.signed[kind].values(), ...state.equivocated[kind]];
}
