/** Transaction payment's hook weight: `on_finalize` reads and writes the multiplier once. */
import { type Weight, weight } from "@canary/frame";
import { READ, WRITE } from "../system/weights.ts";

export const weights = {
  onFinalize: (): Weight => weight(5_000_000n + READ + WRITE),
};
