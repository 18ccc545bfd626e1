/**
 * Slots, as BABE counts them: time is cut into slots of a fixed duration from the Unix epoch
 * (slot = floor(now / duration)); at the start of each the node asks BABE whether it may author.
 */

/** The time source of the scheduler: the system clock, or a fake one in tests. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** The slot `now` falls in. */
export function slotAt(now: number, slotDurationMs: number): bigint {
  return BigInt(Math.floor(now / slotDurationMs));
}

export interface SlotSchedulerOptions {
  slotDurationMs: number;
  /** Called at the start of each slot. */
  onSlot(slot: bigint): void;
  clock?: Clock;
}

/**
 * Wakes at each slot boundary and calls `onSlot`. Each slot is seen
 * once, in order: a timer that fires early waits for its boundary, and slots missed while the
 * process was busy are skipped, not made up.
 */
export class SlotScheduler {
  readonly #o: Required<SlotSchedulerOptions>;
  #timer: unknown;
  /** The last slot handled. */
  #slot: bigint | undefined;
  #running = false;

  constructor(options: SlotSchedulerOptions) {
    this.#o = { clock: systemClock, ...options };
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#slot = slotAt(this.#o.clock.now(), this.#o.slotDurationMs);
    this.#schedule();
  }

  stop(): void {
    this.#running = false;
    if (this.#timer !== undefined) this.#o.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    const { clock, slotDurationMs } = this.#o;
    const next = (this.#slot! + 1n) * BigInt(slotDurationMs);
    const wait = Math.max(0, Number(next - BigInt(clock.now())));
    this.#timer = clock.setTimeout(() => this.#tick(), wait);
  }

  #tick(): void {
    this.#timer = undefined;
    if (!this.#running) return;
    const slot = slotAt(this.#o.clock.now(), this.#o.slotDurationMs);
    try {
      if (slot > this.#slot!) {
        this.#slot = slot;
        this.#o.onSlot(slot);
      }
    } finally {
      if (this.#running) this.#schedule();
    }
  }
}
