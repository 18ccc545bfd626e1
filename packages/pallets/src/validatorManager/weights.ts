/**
 * ValidatorManager's weights, in the shape of FRAME's benchmarks: one read and one write of the
 * pending list. Placeholders until Canary's own benchmarks exist.
 */
import { type Weight, weight } from "@canary/frame";
import { READ, WRITE } from "../system/weights.ts";

export const weights = {
  registerValidators: (count: number): Weight =>
    weight(10_000_000n + 100_000n * BigInt(count) + READ + WRITE),
  deregisterValidators: (count: number): Weight =>
    weight(10_000_000n + 100_000n * BigInt(count) + READ + WRITE),
};
