/**
 * A clock for tests: time moves only when told, and timers fire in order as it passes them.
 * `earlyMs` makes each timer fire that much before it is due (never before it was set), as a
 * system clock that is slightly ahead of the timer's own would.
 */
import type { Clock } from "./slots.ts";

interface Timer {
  at: number;
  callback: () => void;
}

export class TestClock implements Clock {
  time: number;
  readonly earlyMs: number;
  readonly #timers = new Map<number, Timer>();
  #next = 0;

  constructor(time: number, earlyMs = 0) {
    this.time = time;
    this.earlyMs = earlyMs;
  }

  now = (): number => this.time;

  setTimeout = (callback: () => void, ms: number): unknown => {
    const id = this.#next++;
    const early = ms > this.earlyMs ? this.earlyMs : 0;
    this.#timers.set(id, { at: this.time + ms - early, callback });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.#timers.delete(handle as number);
  };

  get pending(): number {
    return this.#timers.size;
  }

  /** Moves time `ms` forward, firing each timer due on the way at its time (and those they set). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let due: [number, Timer] | undefined;
      for (const entry of this.#timers)
        if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
      if (!due) break;
      this.#timers.delete(due[0]);
      this.time = Math.max(this.time, due[1].at);
      due[1].callback();
    }
    this.time = end;
  }

  /** Moves time `ms` forward without firing anything: the process was busy. */
  stall(ms: number): void {
    this.time += ms;
  }
}
