/**
 * Virtual time for the simulator: nothing happens until the run advances it, and then every
 * timer and message delivery fires in order of its time, ties in the order they were scheduled,
 * so that one seed gives one sequence of events. Each node sees it through its own `Clock`, shifted
 * by that node's skew.
 */
import type { Clock } from "../authorship/slots.ts";

interface Event {
  at: number;
  seq: number;
  fire: () => void;
}

export class VirtualTime {
  now: number;
  #seq = 0;
  /** Pending events, sorted by (at, seq). */
  readonly #queue: Event[] = [];
  readonly #cancelled = new Set<number>();

  constructor(start: number) {
    this.now = start;
  }

  schedule(at: number, fire: () => void): number {
    const event = { at: Math.max(at, this.now), seq: this.#seq++, fire };
    let lo = 0;
    let hi = this.#queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.#queue[mid]!;
      if (m.at < event.at || (m.at === event.at && m.seq < event.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.#queue.splice(lo, 0, event);
    return event.seq;
  }

  cancel(id: number): void {
    this.#cancelled.add(id);
  }

  /** Fires every event due up to `end`, in order, then sets the time to `end`. */
  runUntil(end: number): void {
    while (this.#queue.length > 0 && this.#queue[0]!.at <= end) {
      const event = this.#queue.shift()!;
      if (this.#cancelled.delete(event.seq)) continue;
      this.now = event.at;
      event.fire();
    }
    this.now = end;
  }

  /** A node's clock: this time shifted by `skewMs`, its timers on this queue. */
  clock(skewMs = 0): Clock {
    return {
      now: () => this.now + skewMs,
      setTimeout: (callback, ms) => this.schedule(this.now + Math.max(0, ms), callback),
      clearTimeout: (handle) => this.cancel(handle as number),
    };
  }
}
