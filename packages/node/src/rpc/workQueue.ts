/**
 * One queue for all RPC work, run in slices: jobs run until a slice's milliseconds are spent, then
 * the queue waits for the next turn of the event loop, so timers (the slot timer, finality), block
 * import and network I/O always get their turn between slices. Jobs are taken from each lane (a
 * connection) in turn, so a client with a thousand calls waiting does not make a fresh one wait
 * behind them. A flood of requests makes RPC answers wait, never the node.
 */
export class WorkQueue {
  readonly #sliceMs: number;
  /** Lanes with jobs waiting, in the order they are served. */
  #lanes = new Map<number, Array<() => void>>();
  #scheduled = false;
  #length = 0;

  constructor(sliceMs: number) {
    this.#sliceMs = sliceMs;
  }

  get length(): number {
    return this.#length;
  }

  push(job: () => void, lane = 0): void {
    const jobs = this.#lanes.get(lane);
    if (jobs) jobs.push(job);
    else this.#lanes.set(lane, [job]);
    this.#length++;
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#run);
    }
  }

  clear(): void {
    this.#lanes.clear();
    this.#length = 0;
  }

  readonly #run = (): void => {
    const end = performance.now() + this.#sliceMs;
    outer: while (this.#lanes.size > 0) {
      // One job from each lane, then round again (a Map iterates in insertion order; a lane that
      // still has work goes to the back).
      for (const [lane, jobs] of this.#lanes) {
        const job = jobs.shift()!;
        this.#lanes.delete(lane);
        if (jobs.length > 0) this.#lanes.set(lane, jobs);
        this.#length--;
        try {
          job();
        } catch {
          // a job answers its own errors; one that throws must not stop the others
        }
        if (performance.now() >= end) break outer;
      }
    }
    if (this.#lanes.size > 0) setImmediate(this.#run);
    else this.#scheduled = false;
  };
}
