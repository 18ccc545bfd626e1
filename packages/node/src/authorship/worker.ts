/**
 * When the node authors: in each slot BABE lets it claim (the slot timer), or as soon as a
 * transaction arrives (instant seal, for development); and, until GRANDPA, dev finality: each
 * authored block is finalized a moment after it is authored. The service only wires this up.
 */
import type { Chain } from "../chain/index.ts";
import type { Logger } from "../service/logger.ts";
import type { TransactionPool } from "../txpool/index.ts";
import type { AuthoredBlock, BlockAuthor } from "./blockAuthor.ts";
import { type Clock, SlotScheduler, systemClock } from "./slots.ts";

export interface AuthorshipWorkerOptions {
  author: Pick<BlockAuthor, "author" | "authorInSlot">;
  chain: Pick<Chain, "finalize">;
  pool: Pick<TransactionPool, "blockFinalized">;
  /** `slots`: author in each slot the claimer claims. `instant`: author when a transaction arrives. */
  mode: "slots" | "instant";
  slotDurationMs: number;
  /**
   * Dev finality: how long after authoring a block is finalized; undefined leaves finality to
   * others. Clients look a block up when they hear it is in a block (polkadot.js fetches its
   * events) and drop that lookup when finality arrives in the same instant, so it comes a moment
   * later, as GRANDPA's would.
   */
  finalityDelayMs?: number | undefined;
  log: Logger;
  clock?: Clock;
  /** Told of each block authored, with the milliseconds its building took. */
  onAuthored?(authored: AuthoredBlock, ms: number): void;
  /** Told of each failure to author or finalize (after it is logged): the service stops on a damaged database. */
  onError?(error: unknown): void;
}

export class AuthorshipWorker {
  readonly #o: AuthorshipWorkerOptions & { clock: Clock };
  readonly #slots: SlotScheduler | undefined;
  readonly #timers = new Set<unknown>();
  #authoring = false;
  #stopped = false;

  constructor(options: AuthorshipWorkerOptions) {
    this.#o = { clock: systemClock, ...options };
    this.#slots =
      options.mode === "slots"
        ? new SlotScheduler({
            slotDurationMs: options.slotDurationMs,
            onSlot: (slot) => this.authorBlock(slot),
            clock: this.#o.clock,
          })
        : undefined;
  }

  start(): void {
    const { log, slotDurationMs } = this.#o;
    if (!this.#slots) {
      log.info("⚡ Instant seal: a block is authored as soon as a transaction arrives");
      return;
    }
    log.info(`👶 Authoring with BABE in slots of ${slotDurationMs} ms`);
    this.#slots.start();
  }

  /** A transaction entered the pool: with instant seal, a block follows at once. */
  transactionArrived(): void {
    if (this.#o.mode === "instant") queueMicrotask(() => this.authorBlock());
  }

  /** Authors one block now, or in `slot` when BABE gives this node that slot (the slot timer). */
  authorBlock(slot?: bigint): void {
    if (this.#stopped || this.#authoring) return;
    this.#authoring = true;
    try {
      const started = performance.now();
      const authored = slot === undefined ? this.#o.author.author() : this.#o.author.authorInSlot(slot);
      if (!authored) return;
      this.#o.onAuthored?.(authored, performance.now() - started);
      const { imported, block } = authored;
      this.#o.log.debug(`🎁 Authored #${imported.number} with ${block.extrinsics.length} extrinsics`);
      if (this.#o.finalityDelayMs !== undefined) this.#finalizeLater(authored);
    } catch (e) {
      this.#o.log.error(`block authoring failed: ${(e as Error).message}`);
      this.#o.onError?.(e);
    } finally {
      this.#authoring = false;
    }
  }

  #finalizeLater({ imported, block }: AuthoredBlock): void {
    const { clock, chain, pool, log } = this.#o;
    const timer = clock.setTimeout(() => {
      this.#timers.delete(timer);
      if (this.#stopped) return;
      try {
        chain.finalize(imported.hash);
        pool.blockFinalized(imported.hash, block.extrinsics);
      } catch (e) {
        log.error(`finalizing #${imported.number} failed: ${(e as Error).message}`);
        this.#o.onError?.(e);
      }
    }, this.#o.finalityDelayMs!);
    this.#timers.add(timer);
  }

  stop(): void {
    this.#stopped = true;
    this.#slots?.stop();
    for (const t of this.#timers) this.#o.clock.clearTimeout(t);
    this.#timers.clear();
  }
}
