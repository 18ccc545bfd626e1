/**
 * Chain sync: fetches blocks from peers that are ahead and imports them, executing each, as
 * Substrate's `ChainSync` does in full-sync mode.
 * - Far behind a peer (more than one response's worth), it walks up the peer's chain by number.
 * - Close to it, it walks down from the peer's best block, which also finds a fork: blocks whose
 *   parent is unknown are followed down to a common ancestor, at most 512 blocks back.
 * - Into a queueing chain (the node's import queue), the next response is asked for while the
 *   last one's blocks import, so the queue keeps verifying signatures ahead across responses.
 *   The peer's time for that request runs only once those imports are done.
 * A peer that answers slowly or not at all (a bad link, or a peer stalling the node on purpose by
 * dripping one block per request just inside the timeout) is asked only when no other peer can
 * help, for a while; and its request is given up when another peer has blocks this node lacks.
 * Each response is checked against its request. A peer that answers wrongly, too late, or with an
 * invalid block is reported to the network; one whose chain left ours below our finalized block is
 * not followed, but not blamed (it may be honest); a failure of the node itself (its database, its
 * executor) is not the peer's fault and only ends the run.
 * It knows peers only through a `BlockSource`, so it runs the same over libp2p and in tests.
 */
import { type Block, blockHash, bytesEqual, toHex } from "@canary/primitives";
import type { ImportFault } from "../chain/errors.ts";
import type { Logger } from "../service/logger.ts";
import {
  type BlockRequest,
  type BlockSource,
  FIELD_BODY,
  FIELD_HEADER,
  FIELD_JUSTIFICATION,
  MAX_BLOCKS_IN_RESPONSE,
  type SyncPeer,
} from "./blockRequests.ts";
import { checkResponse, type SyncedBlock } from "./checkResponse.ts";
import { SyncError } from "./errors.ts";

/** How far back a fork's common ancestor is searched for. */
export const MAX_ANCESTRY = 4 * MAX_BLOCKS_IN_RESPONSE;

/** Headers, bodies and justifications, every engine's in field 8 (Substrate's sync asks the same). */
const REQUEST = {
  fields: FIELD_HEADER | FIELD_BODY | FIELD_JUSTIFICATION,
  multipleJustifications: true,
} as const;

/** What a peer did wrong, for the network to weigh (see network/reputation.ts). */
export type Offence =
  /** No answer in time. */
  | "timeout"
  /** An answer that is not what was asked, or a chain with no common ancestor in reach. */
  | "badResponse"
  /** A block the chain refused: a bad seal, state root, number, or a failing execution. */
  | "badBlock";

/** The chain as sync sees it. */
export interface SyncChain {
  best(): { number: number; hash: Uint8Array };
  has(hash: Uint8Array): boolean;
  /**
   * Imports (executes and stores) a fetched block; throws, or rejects, when it cannot. A chain
   * that returns a promise (an import queue) gets a whole response at once, so it can verify
   * later blocks' signatures while earlier ones execute.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a synchronous chain's import returns nothing.
  importBlock(block: Block): void | Promise<unknown>;
  /**
   * Whose fault an import failure is: the block's (so the peer's), the fork's (an honest peer may
   * follow a chain that left ours below our finalized block), or the node's own.
   */
  importFault(error: unknown): ImportFault;
  /** Checks and applies a block's GRANDPA justification (finalizing it); throws when it does not hold. */
  importJustification?(hash: Uint8Array, justification: Uint8Array): void;
}

export interface ChainSyncOptions<P extends SyncPeer> {
  source: BlockSource<P>;
  chain: SyncChain;
  log: Logger;
  report(peerId: string, offence: Offence, error: unknown): void;
  /** Called as each run ends (caught up, or nobody left to ask). */
  onIdle?(): void;
  requestTimeoutMs?: number;
  /** An answer slower than this marks the peer slow (default: a quarter of the timeout). */
  slowResponseMs?: number;
  /** How long a slow peer stays behind the others (default 60 s). */
  slowForMs?: number;
  now?: () => number;
}

/** The request under way: its peer, when its clock started (not yet: undefined), and how to give it up. */
interface InFlight<P> {
  peer: P;
  started: number | undefined;
  abandon(): void;
}

export class ChainSync<P extends SyncPeer = SyncPeer> {
  readonly #o: Required<ChainSyncOptions<P>>;
  /** Peers that had nothing more to give, and their best block then: asked again once it changes. */
  readonly #exhausted = new Map<string, Uint8Array>();
  /** Errors that came from a peer (its answer, or failing to get one), as opposed to from this node. */
  readonly #fromPeer = new WeakSet<object>();
  /** Peers that answered slowly or not at all, until when they stay behind the others. */
  readonly #slowUntil = new Map<string, number>();
  #inFlight: InFlight<P> | undefined;
  #run: Promise<void> | undefined;
  /** Set before the run's first request goes out (which happens before `#run` is assigned). */
  #running = false;
  #stopped = false;

  constructor(options: ChainSyncOptions<P>) {
    const requestTimeoutMs = options.requestTimeoutMs ?? 20_000;
    this.#o = {
      onIdle: () => {},
      slowResponseMs: requestTimeoutMs / 4,
      slowForMs: 60_000,
      now: Date.now,
      ...options,
      requestTimeoutMs,
    };
  }

  /** Whether a run is under way (also while merely following a peer one block ahead). */
  get running(): boolean {
    return this.#running;
  }

  /** True while catching up with a peer more than one block ahead (not while following). */
  get isSyncing(): boolean {
    return this.running && this.highestBlock() > this.#o.chain.best().number + 1;
  }

  /**
   * The best block the peers tell of: the median of their best numbers (the upper one of an even
   * count), as Substrate's sync reports it, so that one peer claiming a far higher chain does not
   * make the node say it is syncing towards it; ours when that is higher, or with no peers.
   */
  highestBlock(): number {
    const ours = this.#o.chain.best().number;
    const seen = [...this.#o.source.peers()].map((p) => p.bestNumber).sort((x, y) => x - y);
    return Math.max(ours, seen[seen.length >> 1] ?? ours);
  }

  /**
   * Starts a run if none is under way: fetches and imports while some peer is ahead. Resolves
   * when the run (this one, or the one already going) ends; it never rejects.
   */
  wake(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    if (this.#running) {
      this.#abandonSlowRequest();
      return this.#run ?? Promise.resolve();
    }
    this.#running = true;
    this.#run = this.#rounds()
      .catch((e) => this.#o.log.warn(`sync: ${(e as Error).message}`))
      .finally(() => {
        this.#running = false;
        this.#run = undefined;
        if (!this.#stopped) this.#o.onIdle();
      });
    return this.#run;
  }

  /** A peer went away. */
  forget(peerId: string): void {
    this.#exhausted.delete(peerId);
    this.#slowUntil.delete(peerId);
  }

  stop(): void {
    this.#stopped = true;
  }

  #isExhausted(peer: P): boolean {
    const at = this.#exhausted.get(peer.peerId);
    return at !== undefined && bytesEqual(at, peer.bestHash);
  }

  #exhaust(peer: P): void {
    this.#exhausted.set(peer.peerId, peer.bestHash);
  }

  #isSlow(peer: P): boolean {
    const until = this.#slowUntil.get(peer.peerId);
    if (until === undefined) return false;
    if (until > this.#o.now()) return true;
    this.#slowUntil.delete(peer.peerId);
    return false;
  }

  #markSlow(peer: P): void {
    this.#slowUntil.set(peer.peerId, this.#o.now() + this.#o.slowForMs);
  }

  /** Peers not behind us whose best block we lack, and that have not run out of blocks to give. */
  #candidates(): P[] {
    const { chain, source } = this.#o;
    const ours = chain.best().number;
    return [...source.peers()].filter(
      (p) => p.bestNumber >= ours && !this.#isExhausted(p) && !chain.has(p.bestHash),
    );
  }

  /** The peer to ask next: the highest candidate, a slow one only when no other is left. */
  #pick(): P | undefined {
    let pick: P | undefined;
    let pickSlow = true;
    for (const p of this.#candidates()) {
      const slow = this.#isSlow(p);
      if (!pick || (pickSlow && !slow) || (slow === pickSlow && p.bestNumber > pick.bestNumber)) {
        pick = p;
        pickSlow = slow;
      }
    }
    return pick;
  }

  /**
   * Gives up the request under way when it is slow (already late, or to a peer known slow) and
   * another peer, not slow, has blocks we lack: a stalling peer then delays nobody.
   */
  #abandonSlowRequest(): void {
    const f = this.#inFlight;
    if (!f) return;
    const late = f.started !== undefined && this.#o.now() - f.started >= this.#o.slowResponseMs;
    if (!late && !this.#isSlow(f.peer)) return;
    if (this.#candidates().some((p) => p.peerId !== f.peer.peerId && !this.#isSlow(p))) f.abandon();
  }

  async #rounds(): Promise<void> {
    const { chain } = this.#o;
    /** The next response, asked for while the last one's blocks import. */
    let ahead: { peer: P; blocks: Promise<SyncedBlock[]> } | undefined;
    for (;;) {
      if (this.#stopped) return;
      const asked = ahead;
      ahead = undefined;
      const peer = asked?.peer ?? this.#pick();
      if (!peer) return;
      let blocks: SyncedBlock[];
      try {
        blocks = await (asked?.blocks ?? this.#fetch(peer));
      } catch (e) {
        if (!this.#fromPeer.has(e as object)) throw e;
        const code = e instanceof SyncError ? e.code : undefined;
        // Given up for a faster peer: slow, not wrong. It is asked again once the others are done.
        if (code === "NETWORK_ABANDONED") continue;
        this.#o.report(peer.peerId, code === "NETWORK_TIMEOUT" ? "timeout" : "badResponse", e);
        this.#exhaust(peer);
        continue;
      }
      if (blocks.length === 0) {
        this.#exhaust(peer);
        continue;
      }
      const imports = this.#importAll(blocks);
      ahead = this.#askAhead(peer, blocks, imports);
      for (const [i, block] of blocks.entries()) {
        if (this.#stopped) return;
        try {
          await imports[i];
          if (block.justification) chain.importJustification?.(blockHash(block.header), block.justification);
        } catch (e) {
          const fault = chain.importFault(e);
          if (fault === "node") {
            // The node's own trouble, not the peer's: asking again at once would fail again, so
            // the run ends and the next announcement retries.
            this.#o.log.warn(`sync: importing #${block.header.number} failed here: ${(e as Error).message}`);
            return;
          }
          ahead = undefined; // built on blocks that did not import
          if (fault === "block") this.#o.report(peer.peerId, "badBlock", e);
          else
            this.#o.log.info(
              `sync: not following ${peer.peerId}, its chain cannot join ours: ${(e as Error).message}`,
            );
          this.#exhaust(peer);
          break;
        }
      }
    }
  }

  /**
   * Starts importing `blocks` in order, all at once: a queueing chain then verifies ahead. A
   * synchronous chain's failure stops the list there (its rejection is the last entry).
   */
  #importAll(blocks: SyncedBlock[]): Array<Promise<unknown> | undefined> {
    const { chain } = this.#o;
    const out: Array<Promise<unknown> | undefined> = [];
    for (const block of blocks) {
      let result: Promise<unknown> | undefined;
      let failed = false;
      try {
        result = chain.importBlock(block) as Promise<unknown> | undefined;
      } catch (e) {
        result = Promise.reject(e);
        failed = true;
      }
      // Awaited in order by the caller, which may stop first: no refusal may go unhandled.
      result?.catch(() => {});
      out.push(result);
      if (failed) break;
    }
    return out;
  }

  /**
   * When a queueing chain is importing all of `blocks` and `peer` has more, asks for the blocks
   * after them at once: the chain then verifies the next response's signatures while these
   * execute, instead of running dry between responses. Its failure is seen when it is awaited.
   */
  #askAhead(
    peer: P,
    blocks: SyncedBlock[],
    imports: Array<Promise<unknown> | undefined>,
  ): { peer: P; blocks: Promise<SyncedBlock[]> } | undefined {
    const last = blocks[blocks.length - 1]!.header;
    const queued = imports.length === blocks.length && imports.every((p) => p !== undefined);
    if (!queued || peer.bestNumber <= last.number) return undefined;
    const importing = new Set(blocks.map((b) => toHex(blockHash(b.header))));
    const known = (hash: Uint8Array) => this.#o.chain.has(hash) || importing.has(toHex(hash));
    // The peer's time runs from when these imports are done: until then this node's own work
    // (blocks executing on this thread) may be what holds its answer up.
    const next = this.#fetch(peer, last.number, known, Promise.allSettled(imports));
    next.catch(() => {}); // awaited by the next round, unless a stop or a failed import drops it
    return { peer, blocks: next };
  }

  /**
   * The blocks to import from `peer`, in order, from one we know (exclusive) to as far as it gave:
   * above our best block, or above `ours` when the blocks up to it are already being imported.
   */
  async #fetch(
    peer: P,
    ours = this.#o.chain.best().number,
    known = (hash: Uint8Array) => this.#o.chain.has(hash),
    clock?: Promise<unknown>,
  ): Promise<SyncedBlock[]> {
    const gap = peer.bestNumber - ours;
    // Far behind: walk up the peer's best chain by number. Close: walk down from its best.
    let blocks =
      gap > MAX_BLOCKS_IN_RESPONSE
        ? await this.#request(
            peer,
            {
              ...REQUEST,
              from: { number: ours + 1 },
              direction: "Ascending",
              maxBlocks: MAX_BLOCKS_IN_RESPONSE,
            },
            clock,
          )
        : (
            await this.#request(
              peer,
              {
                ...REQUEST,
                from: { hash: peer.bestHash },
                direction: "Descending",
                maxBlocks: Math.max(1, gap),
              },
              clock,
            )
          ).reverse();
    blocks = blocks.filter((b) => !known(blockHash(b.header)));
    if (blocks.length > 0 && !known(blocks[0]!.header.parentHash)) {
      blocks = [...(await this.#ancestry(peer, blocks[0]!.header.parentHash, known, clock)), ...blocks];
    }
    return blocks;
  }

  /** The blocks between a known ancestor (exclusive) and `hash` (inclusive), fetched walking down. */
  async #ancestry(
    peer: P,
    hash: Uint8Array,
    known: (hash: Uint8Array) => boolean,
    clock: Promise<unknown> | undefined,
  ): Promise<SyncedBlock[]> {
    const out: SyncedBlock[] = [];
    let next = hash;
    while (!known(next)) {
      if (out.length >= MAX_ANCESTRY) {
        throw this.#peerError(
          new SyncError("NETWORK_NO_COMMON_ANCESTOR", `no common ancestor within ${MAX_ANCESTRY} blocks`),
        );
      }
      const batch = await this.#request(
        peer,
        {
          ...REQUEST,
          from: { hash: next },
          direction: "Descending",
          maxBlocks: MAX_BLOCKS_IN_RESPONSE,
        },
        clock,
      );
      if (batch.length === 0) {
        throw this.#peerError(
          new SyncError("NETWORK_BAD_RESPONSE", "the peer has none of the ancestors of its own blocks"),
        );
      }
      for (const b of batch) {
        if (known(blockHash(b.header))) break;
        out.unshift(b);
      }
      next = out[0]!.header.parentHash;
    }
    return out;
  }

  /**
   * Asks `peer` for blocks, giving it `requestTimeoutMs`, and checks that the answer is what was
   * asked. The peer's time (the timeout, and whether it was slow) runs from when `clock` settles.
   */
  async #request(peer: P, request: BlockRequest, clock?: Promise<unknown>): Promise<SyncedBlock[]> {
    const start = "hash" in request.from ? toHex(request.from.hash) : `#${request.from.number}`;
    this.#o.log.debug(
      `⬇️  Asking ${peer.peerId} for ${request.maxBlocks} blocks ${request.direction} from ${start}`,
    );
    const ms = this.#o.requestTimeoutMs;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    // Rejected before the abort, so that the race ends with this error and not the source's.
    const giveUp = (reject: (e: SyncError) => void, error: SyncError) => {
      this.#markSlow(peer);
      reject(error);
      abort.abort();
    };
    let inFlight: InFlight<P> | undefined;
    const cutOff = new Promise<never>((_, reject) => {
      const startClock = () => {
        if (done) return;
        inFlight!.started = this.#o.now();
        timer = setTimeout(() => {
          const message = `${peer.peerId} did not answer a block request within ${ms} ms`;
          giveUp(reject, new SyncError("NETWORK_TIMEOUT", message));
        }, ms);
      };
      inFlight = this.#inFlight = {
        peer,
        started: undefined,
        abandon: () => {
          const message = `gave up a slow block request to ${peer.peerId}: another peer has blocks this node lacks`;
          this.#o.log.debug(message);
          giveUp(reject, new SyncError("NETWORK_ABANDONED", message));
        },
      };
      if (clock) void clock.then(startClock);
      else startClock();
    });
    try {
      const response = await Promise.race([this.#o.source.request(peer, request, abort.signal), cutOff]);
      const started = inFlight!.started;
      if (started !== undefined && this.#o.now() - started > this.#o.slowResponseMs) this.#markSlow(peer);
      return checkResponse(request, response);
    } catch (e) {
      throw this.#peerError(e);
    } finally {
      done = true;
      clearTimeout(timer);
      if (this.#inFlight === inFlight) this.#inFlight = undefined;
    }
  }

  #peerError(e: unknown): unknown {
    if (typeof e === "object" && e !== null) this.#fromPeer.add(e);
    return e;
  }
}
