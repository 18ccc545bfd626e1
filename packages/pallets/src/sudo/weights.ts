/**
 * Sudo's own weights (the inner call's weight is added by the calls), in the shape of FRAME's
 * benchmarks: one read of the key, one write for key changes. Placeholders until Canary's own
 * benchmarks exist.
 */
import { type Weight, weight } from "@canary/frame";
import { READ, WRITE } from "../system/weights.ts";

export const weights = {
  sudo: (): Weight => weight(10_000_000n + READ),
  sudoAs: (): Weight => weight(10_000_000n + READ),
  setKey: (): Weight => weight(10_000_000n + READ + WRITE),
  removeKey: (): Weight => weight(9_000_000n + READ + WRITE),
};
