/**
 * A full garbage collection, where the process allows one (the `canary` entry sets V8's
 * `--expose-gc`, cli/heap.ts); elsewhere, as in tests, nothing. The node calls it after work that
 * leaves much garbage at once (building and writing genesis): V8 would otherwise grow its heap
 * for the next allocations before collecting, and keep the pages.
 */
import { runInNewContext } from "node:vm";

let gc: (() => void) | undefined | null = null;

export function collectGarbage(): void {
  if (gc === null)
    gc = runInNewContext("typeof gc === 'function' ? gc : undefined") as (() => void) | undefined;
  gc?.();
}
