/**
 * Slots, as BABE and Aura count them: time is cut into slots of a fixed duration from the Unix
 * epoch (slot = floor(now / duration)), and in each slot a claim rule says who may author. Today
 * the rule is proof-of-authority round robin (slot mod authorities); BABE replaces it with VRF
 * claims behind the same `SlotClaimer` interface.
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

/** A right to author in a slot: what goes into the block's pre-runtime digest. */
export interface SlotClaim {
  slot: bigint;
  authorityIndex: number;
}

/** The claim rule: whether this node may author in a slot. */
export interface SlotClaimer {
  /** The claim on `slot`, or undefined when the slot is not ours. */
  claim(slot: bigint): SlotClaim | undefined;
}

/** Proof-of-authority turns: authority `i` of `n` owns the slots with slot mod n = i. */
export class RoundRobinClaimer implements SlotClaimer {
  readonly authorityIndex: number;
  readonly authorities: number;

  constructor(authorityIndex: number, authorities: number) {
    this.authorityIndex = authorityIndex;
    this.authorities = authorities;
  }

  claim(slot: bigint): SlotClaim | undefined {
    return slot % BigInt(this.authorities) === BigInt(this.authorityIndex)
      ? { slot, authorityIndex: this.authorityIndex }
      : undefined;
  }
}

/** The slot `now` falls in. */
export function slotAt(now: number, slotDurationMs: number): bigint {
  return BigInt(Math.floor(now / slotDurationMs));
}

export interface SlotSchedulerOptions {
  slotDurationMs: number;
  claimer: SlotClaimer;
  /** Called at the start of each slot the claimer claims. */
  onSlot(claim: SlotClaim): void;
  clock?: Clock;
}

/**
 * Wakes at each slot boundary and calls `onSlot` when the slot is claimed. Each slot is seen
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
        const claim = this.#o.claimer.claim(slot);
        if (claim) this.#o.onSlot(claim);
      }
    } finally {
      if (this.#running) this.#schedule();
    }
  }
}
