/**
 * The simulator's network: nodes exchange byte messages on named channels over links with a
 * random delay (which also reorders them), loss and duplication, all drawn from the run's seed;
 * partitions cut groups of nodes apart for a while, and a node that is down neither sends nor
 * receives. Each delivery is an event of the virtual time.
 */
import type { SimRandom } from "./random.ts";
import type { VirtualTime } from "./virtualTime.ts";

export interface LinkModel {
  /** Delay of each message, uniform in [min, max] ms. */
  delayMs: [number, number];
  /** Probability that a message is lost. */
  loss: number;
  /** Probability that a message arrives twice. */
  duplicate: number;
}

export type Receiver = (from: string, channel: string, bytes: Uint8Array) => void;

export class SimNetwork {
  readonly #receivers = new Map<string, Receiver>();
  readonly #down = new Set<string>();
  /** Group of each node while a partition lasts. */
  #group: Map<string, number> | undefined;
  readonly stats = { sent: 0, delivered: 0, lost: 0 };

  readonly time: VirtualTime;
  readonly random: SimRandom;
  model: LinkModel;

  constructor(time: VirtualTime, random: SimRandom, model: LinkModel) {
    this.time = time;
    this.random = random;
    this.model = model;
  }

  attach(name: string, receiver: Receiver): void {
    this.#receivers.set(name, receiver);
  }

  setDown(name: string, down: boolean): void {
    if (down) this.#down.add(name);
    else this.#down.delete(name);
  }

  isDown(name: string): boolean {
    return this.#down.has(name);
  }

  /** Cuts the nodes into `groups` (undefined: heals). */
  partition(groups: string[][] | undefined): void {
    this.#group = groups && new Map(groups.flatMap((g, i) => g.map((n) => [n, i] as const)));
  }

  #reachable(from: string, to: string): boolean {
    if (this.#down.has(from) || this.#down.has(to)) return false;
    return !this.#group || this.#group.get(from) === this.#group.get(to);
  }

  send(from: string, to: string, channel: string, bytes: Uint8Array): void {
    this.stats.sent++;
    const { delayMs, loss, duplicate } = this.model;
    if (!this.#reachable(from, to) || this.random.chance(loss)) {
      this.stats.lost++;
      return;
    }
    const copies = this.random.chance(duplicate) ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      const delay = this.random.between(delayMs[0], delayMs[1]);
      this.time.schedule(this.time.now + delay, () => {
        // A partition or crash that began while the message travelled stops it too.
        if (!this.#reachable(from, to)) return;
        this.stats.delivered++;
        this.#receivers.get(to)?.(from, channel, bytes);
      });
    }
  }
}
