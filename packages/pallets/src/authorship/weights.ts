/** Authorship's weights: noting the author reads the digest and writes `Author` once per block. */
import { type Weight, weight } from "@canary/frame";
import { READ, WRITE } from "../system/weights.ts";

export const weights = {
  onInitialize: (): Weight => weight(2_000_000n + READ + WRITE),
};
