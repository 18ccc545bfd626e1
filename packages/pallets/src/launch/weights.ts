/** Launch's weight: its one call reads and writes one flag. */
import { type Weight, weight } from "@canary/frame";
import { READ, WRITE } from "../system/weights.ts";

export const weights = {
  liftRestriction: (): Weight => weight(5_000_000n + READ + WRITE),
};
