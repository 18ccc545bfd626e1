/**
 * Weights of Timestamp, in the shape of FRAME's benchmarks (one read and one write for `set`, one
 * take in `on_finalize`); constants are placeholders until Canary's own benchmarks exist.
 */
import { type Weight, weight } from "@canary/frame";
import { READ, WRITE } from "../system/weights.ts";

export const weights = {
  set: (): Weight => weight(10_000_000n + 2n * READ + WRITE),
  onFinalize: (): Weight => weight(5_000_000n),
};
