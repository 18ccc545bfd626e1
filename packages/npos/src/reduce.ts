/**
 * `reduce`: removes cycles from the voter–winner graph of staked assignments without changing any
 * voter's total or any winner's backing, so that a solution is submitted with fewer edges.
 *
 * Same contract as Substrate's (the result is a forest; every voter's stake and every target's
 * support is preserved; returns the number of edges removed), but not the same edge-by-edge
 * choices: Substrate first removes 4-cycles and then walks a link-cut forest, this walks the path in
 * the forest built so far. Both are deterministic; which edges survive may differ.
 */
import type { StakedAssignment } from "./types.ts";

type Entry = [target: string, weight: bigint];
type Node = string;

export function reduce(assignments: StakedAssignment[]): number {
  const forest = new Map<Node, Map<Node, Entry>>();
  const link = (a: Node, b: Node, e: Entry) => {
    if (!forest.has(a)) forest.set(a, new Map());
    forest.get(a)!.set(b, e);
  };
  const unlink = (a: Node, b: Node) => forest.get(a)?.delete(b);
  /** The forest path from `from` to `to` as consecutive node pairs, or undefined. */
  const path = (from: Node, to: Node): Array<[Node, Node]> | undefined => {
    const parent = new Map<Node, Node>([[from, from]]);
    const queue = [from];
    for (let i = 0; i < queue.length && !parent.has(to); i++) {
      const n = queue[i]!;
      for (const next of forest.get(n)?.keys() ?? []) {
        if (parent.has(next)) continue;
        parent.set(next, n);
        queue.push(next);
      }
    }
    if (!parent.has(to)) return undefined;
    const steps: Array<[Node, Node]> = [];
    for (let n = to; n !== from; n = parent.get(n)!) steps.push([parent.get(n)!, n]);
    return steps.reverse();
  };

  let removed = 0;
  for (const { who, distribution } of assignments) {
    const v = `v:${who}`;
    for (const entry of distribution) {
      if (entry[1] === 0n) continue;
      const t = `t:${entry[0]}`;
      const cycle = path(t, v);
      if (cycle !== undefined) {
        // Around the cycle v→t→…→v, every other edge gives up δ and the rest gain it: each node
        // has one of each, so totals stay; δ is the smallest giver, which drops to zero.
        const edges = [entry, ...cycle.map(([a, b]) => forest.get(a)!.get(b)!)];
        const givers = edges.filter((_, i) => i % 2 === 0);
        let delta = givers[0]![1];
        for (const g of givers) if (g[1] < delta) delta = g[1];
        edges.forEach((e, i) => {
          e[1] += i % 2 === 0 ? -delta : delta;
        });
        cycle.forEach(([a, b]) => {
          if (forest.get(a)!.get(b)![1] === 0n) {
            unlink(a, b);
            unlink(b, a);
            removed++;
          }
        });
        if (entry[1] === 0n) {
          removed++;
          continue;
        }
      }
      link(v, t, entry);
      link(t, v, entry);
    }
  }
  for (const a of assignments) a.distribution = a.distribution.filter((e) => e[1] > 0n);
  return removed;
}
