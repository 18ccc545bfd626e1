/** GRANDPA's weights; placeholders in the shape of FRAME's until Canary benchmarks its own. */
import { type Weight, weight } from "@canary/frame";
import { READ, WRITE } from "../system/weights.ts";

export const weights = {
  noteStalled: (): Weight => weight(3_000_000n + 2n * WRITE),
  onFinalize: (): Weight => weight(2_000_000n + 2n * READ),
};
