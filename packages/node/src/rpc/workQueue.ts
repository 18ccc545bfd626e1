/**
 * One queue for all RPC work, run in slices: jobs run one after another until a slice's
 * milliseconds are spent, then the queue waits for the next turn of the event loop, so timers (the
 * slot timer, finality), block import and network I/O always get their turn between slices. A
 * flood of requests makes RPC answers wait, never the node.
 */
export class WorkQueue {
  readonly #sliceMs: number;
  #jobs: Array<() => void> = [];
  #head = 0;
  #scheduled = false;

  constructor(sliceMs: number) {
    this.#sliceMs = sliceMs;
  }

  get length(): number {
    return this.#jobs.length - this.#head;
  }

  push(job: () => void): void {
    this.#jobs.push(job);
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#run);
    }
  }

  clear(): void {
    this.#jobs = [];
    this.#head = 0;
  }

  readonly #run = (): void => {
    const end = performance.now() + this.#sliceMs;
    while (this.#head < this.#jobs.length) {
      const job = this.#jobs[this.#head]!;
      this.#jobs[this.#head++] = noop;
      try {
        job();
      } catch {
        // a job answers its own errors; one that throws must not stop the others
      }
      if (performance.now() >= end) break;
    }
    if (this.#head >= 1024 && this.#head * 2 >= this.#jobs.length) {
      this.#jobs = this.#jobs.slice(this.#head);
      this.#head = 0;
    }
    if (this.#head < this.#jobs.length) setImmediate(this.#run);
    else this.#scheduled = false;
  };
}

function noop(): void {}
