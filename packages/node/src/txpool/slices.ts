/**
 * Work in slices: a long loop gives the event loop back (the slot timer, block import, network
 * I/O) every few milliseconds, so validating a flood of transactions delays the transactions, never
 * the node. RPC work has its own queue (rpc/workQueue.ts); this is for loops over one batch.
 */

/** Milliseconds of work between two yields. */
export const SLICE_MS = 4;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `fn` over `items` in order, yielding every `sliceMs` of work; stops early when `stop()` says so. */
export async function inSlices<T, R>(
  items: readonly T[],
  fn: (item: T) => R,
  options: { sliceMs?: number; stop?: () => boolean } = {},
): Promise<R[]> {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const out: R[] = [];
  let end = performance.now() + sliceMs;
  for (const item of items) {
    if (performance.now() >= end) {
      await nextTurn();
      end = performance.now() + sliceMs;
    }
    if (options.stop?.()) break;
    out.push(fn(item));
  }
  return out;
}
