/**
 * A full garbage collection, where the process allows one (the `canary` entry sets V8's
 * `--expose-gc`, cli/heap.ts); elsewhere, as in tests, nothing. The node calls it after work that
 * leaves much garbage at once (loading its modules, building and writing genesis): V8 would
 * otherwise grow its heap for the next allocations before collecting, and keep the pages.
 */
import { runInNewContext } from "node:vm";

type Gc = (options?: { type: "major"; execution: "sync"; flavor: "regular" | "last-resort" }) => void;

let gc: Gc | undefined | null = null;

export interface CollectOptions {
  /**
   * Also compact the heap and give its emptied pages back (V8's "last-resort" collection, slower):
   * a plain collection frees objects but keeps the pages. Loading the node's modules left 74 MiB
   * of heap holding 35 MiB of objects; compacted, the process holds ~40 MiB less.
   */
  compact?: boolean;
}

export function collectGarbage(options: CollectOptions = {}): void {
  if (gc === null) gc = runInNewContext("typeof gc === 'function' ? gc : undefined") as Gc | undefined;
  if (options.compact) gc?.({ type: "major", execution: "sync", flavor: "last-resort" });
  else gc?.();
}
