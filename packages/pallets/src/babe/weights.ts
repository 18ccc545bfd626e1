/** BABE's weights; placeholders in the shape of FRAME's until Canary benchmarks its own. */
import { type Weight, weight } from "@canary/frame";
import { READ, WRITE } from "../system/weights.ts";

export const weights = {
  planConfigChange: (): Weight => weight(5_000_000n + WRITE),
  /** Two seal checks, the key ownership proof (its trie grows with the validators) and the report. */
  reportEquivocation: (validators: number): Weight =>
    weight(120_000_000n + 100_000n * BigInt(validators) + 10n * READ + 6n * WRITE),
  /** Reading the pre-digest and noting the slot, plus on_finalize's randomness deposit. */
  perBlock: (): Weight => weight(10_000_000n + 4n * READ + 4n * WRITE),
};
