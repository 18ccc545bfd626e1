/**
 * A simulator run: validators (and full nodes) of one genesis on a simulated network and virtual
 * clock, faults drawn from one seed — link delay, loss, duplication and reordering, clock skew, a
 * partition that heals, a crash and restart, an equivocating author and a double-voting voter —
 * then what the run must show: no two nodes finalized conflicting blocks (safety), and, with faults
 * healed, finality moved on everywhere (liveness). The same seed gives the same trace.
 */
import type { DevAccountName } from "@canary/crypto";
import { blake2_256, toHex, utf8Bytes } from "@canary/primitives";
import type { Executor } from "../executor/index.ts";
import type { Genesis } from "../genesis/index.ts";
import { SimRandom } from "./random.ts";
import { type LinkModel, SimNetwork } from "./simNetwork.ts";
import { SimNode } from "./simNode.ts";
import { VirtualTime } from "./virtualTime.ts";

export interface ScenarioOptions {
  seed: number;
  genesis: Genesis;
  executor: Executor;
  /** The genesis validators, whose keys the first nodes hold. */
  validators: DevAccountName[];
  /** Nodes without keys, besides the validators. */
  fullNodes?: number;
  /** Each node's peers: every other (undefined) or this many, chosen by the seed. */
  degree?: number;
  slotMs: number;
  /** How long the run lasts, in virtual ms. */
  durationMs: number;
  link?: Partial<LinkModel>;
  /** From then on links lose and duplicate nothing (the faults are over). */
  cleanFromMs?: number;
  /** Each node's clock is off by up to this much, either way. */
  maxSkewMs?: number;
  partition?: { fromMs: number; toMs: number; groups: string[][] };
  crash?: { node: string; atMs: number; restartMs: number };
  babeEquivocator?: string;
  doubleVoter?: string;
}

export interface ScenarioResult {
  seed: number;
  /** blake2 of every traced event, in order: equal for equal seeds. */
  traceHash: string;
  trace: string[];
  nodes: SimNode[];
  /** Each node's finalized height at the end. */
  finalized: Record<string, number>;
  best: Record<string, number>;
  /** Where each node's voter stood at the end (set, round, prevote and precommit weight). */
  voters: Record<string, string>;
  /** Pairs of nodes whose finalized chains conflict (must stay empty). */
  conflicts: string[];
  /** Finalized height of each node sampled at `at` (virtual ms from the start). */
  finalizedAt(name: string, atMs: number): number;
  network: SimNetwork;
}

const START = 1_700_000_000_000;

export function runScenario(o: ScenarioOptions): ScenarioResult {
  const random = new SimRandom(o.seed);
  // Slots start at a slot boundary so that the first slot is a whole one.
  const time = new VirtualTime(Math.ceil(START / o.slotMs) * o.slotMs);
  const start = time.now;
  const link: LinkModel = { delayMs: [20, 200], loss: 0, duplicate: 0, ...o.link };
  const network = new SimNetwork(time, random, link);
  const names = [
    ...o.validators.map((v) => v.toLowerCase()),
    ...Array.from({ length: o.fullNodes ?? 0 }, (_, i) => `full${i + 1}`),
  ];
  const peersOf = topology(names, o.degree, random);
  const trace: string[] = [];
  const samples: Array<{ at: number; finalized: Record<string, number> }> = [];
  const nodes = names.map(
    (name, i) =>
      new SimNode({
        name,
        ...(i < o.validators.length ? { key: o.validators[i]! } : {}),
        genesis: o.genesis,
        executor: o.executor,
        time,
        network,
        skewMs: o.maxSkewMs ? random.between(-o.maxSkewMs, o.maxSkewMs) : 0,
        peers: () => peersOf.get(name)!,
        gossipDurationMs: Math.max(50, Math.floor(o.slotMs / 6)),
        rebroadcastMs: 2 * o.slotMs,
        byzantine: {
          babeEquivocate: o.babeEquivocator === name,
          doubleVote: o.doubleVoter === name,
        },
        trace: (line) => trace.push(`${time.now - start} ${line}`),
      }),
  );
  const byName = new Map(nodes.map((n) => [n.name, n]));
  for (const node of nodes) node.start();
  const at = (ms: number, fn: () => void) => time.schedule(start + ms, fn);
  if (o.partition) {
    const { fromMs, toMs, groups } = o.partition;
    at(fromMs, () => network.partition(groups));
    at(toMs, () => network.partition(undefined));
  }
  if (o.cleanFromMs !== undefined)
    at(o.cleanFromMs, () => {
      network.model = { ...network.model, loss: 0, duplicate: 0 };
    });
  if (o.crash) {
    const { node, atMs, restartMs } = o.crash;
    at(atMs, () => byName.get(node)!.stop());
    at(restartMs, () => {
      const restarted = byName.get(node)!;
      restarted.start();
      for (const peer of peersOf.get(node)!) byName.get(peer)?.reconnect(node);
    });
  }
  const finalizedNow = () =>
    Object.fromEntries(nodes.map((n) => [n.name, n.running ? n.chain.finalized().number : -1]));
  for (let t = 0; t <= o.durationMs; t += o.slotMs / 2) {
    at(t, () => samples.push({ at: t, finalized: finalizedNow() }));
  }
  time.runUntil(start + o.durationMs);
  for (const node of nodes) if (!node.running) node.start();
  const result: ScenarioResult = {
    seed: o.seed,
    traceHash: toHex(blake2_256(utf8Bytes(trace.join("\n")))),
    trace,
    nodes,
    finalized: finalizedNow(),
    best: Object.fromEntries(nodes.map((n) => [n.name, n.chain.best().number])),
    voters: Object.fromEntries(
      nodes.map((n) => {
        const s = n.voter.state();
        return [
          n.name,
          `set ${s.setId} round ${s.round} prevotes ${s.prevotes.currentWeight} precommits ${s.precommits.currentWeight}`,
        ];
      }),
    ),
    conflicts: conflicts(nodes),
    finalizedAt: (name, ms) => {
      const sample = samples.filter((s) => s.at <= ms).at(-1);
      return sample?.finalized[name] ?? 0;
    },
    network,
  };
  for (const node of nodes) node.stop();
  return result;
}

/** Each node's peers: all others, or `degree` of them (a seeded ring plus random links, symmetric). */
function topology(names: string[], degree: number | undefined, random: SimRandom): Map<string, string[]> {
  const peers = new Map(names.map((n) => [n, new Set<string>()]));
  const link = (a: string, b: string) => {
    if (a === b) return;
    peers.get(a)!.add(b);
    peers.get(b)!.add(a);
  };
  if (degree === undefined || degree >= names.length - 1) {
    for (const a of names) for (const b of names) link(a, b);
  } else {
    const order = random.shuffle(names);
    order.forEach((n, i) => {
      link(n, order[(i + 1) % order.length]!);
    });
    for (const n of names)
      while (peers.get(n)!.size < degree) link(n, names[random.between(0, names.length - 1)]!);
  }
  return new Map([...peers].map(([n, set]) => [n, [...set].sort()]));
}

/** Pairs of nodes whose finalized chains differ at a height both have finalized. */
function conflicts(nodes: SimNode[]): string[] {
  const out: string[] = [];
  for (const a of nodes) {
    for (const b of nodes) {
      if (a.name >= b.name) continue;
      const height = Math.min(a.chain.finalized().number, b.chain.finalized().number);
      const x = a.chain.blocks.hashAt(height);
      const y = b.chain.blocks.hashAt(height);
      if (!x || !y || toHex(x) !== toHex(y)) out.push(`${a.name}/${b.name} at #${height}`);
    }
  }
  return out;
}
