/** GRANDPA's weights; placeholders in the shape of FRAME's until Canary benchmarks its own. */
import { type Weight, weight } from "@canary/frame";
import { READ, WRITE } from "../system/weights.ts";

export const weights = {
  noteStalled: (): Weight => weight(3_000_000n + 2n * WRITE),
  /** Two vote signatures, the key ownership proof (its trie grows with the validators) and the report. */
  reportEquivocation: (validators: number): Weight =>
    weight(110_000_000n + 100_000n * BigInt(validators) + 10n * READ + 6n * WRITE),
  onFinalize: (): Weight => weight(2_000_000n + 2n * READ),
};
