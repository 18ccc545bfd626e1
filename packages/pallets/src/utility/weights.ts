/**
 * Utility's own weights (the inner calls' weights are added by the calls), in the shape of
 * FRAME's benchmarks: a base plus a per-item term. Constants are placeholders until Canary's own
 * benchmarks exist.
 */
import { type Weight, weight } from "@canary/frame";
import { READ, WRITE } from "../system/weights.ts";

const perItem = (base: bigint, item: bigint) => (calls: number) => weight(base + item * BigInt(calls));

export const weights = {
  batch: perItem(5_000_000n, 4_000_000n),
  batchAll: perItem(5_000_000n, 4_200_000n),
  forceBatch: perItem(5_000_000n, 4_000_000n),
  /** Includes one read and one write of the derivative account's data, as FRAME adds. */
  asDerivative: (): Weight => weight(3_000_000n + READ + WRITE),
};
