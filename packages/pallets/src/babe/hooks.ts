/** BABE notes the block's slot when it starts and collects its VRF randomness when it ends. */
import type { Hooks } from "@canary/frame";
import type { EpochFns } from "./epoch.ts";
import { weights } from "./weights.ts";

export const hooks = ({ initialize, finalize }: EpochFns): Hooks => ({
  onInitialize: (block) => {
    initialize(block);
    return weights.perBlock();
  },
  onFinalize: () => finalize(),
});
