/** The end-of-block update of the fee multiplier (FRAME's `on_finalize`). */
import type { Hooks } from "@canary/frame";
import { nextMultiplier, normalBlockWeight } from "./multiplier.ts";
import { storage } from "./storage.ts";
import { weights } from "./weights.ts";

export const hooks: Hooks = {
  // on_finalize's weight is charged up front, as FRAME does.
  onInitialize: () => weights.onFinalize(),
  onFinalize: () => {
    storage.NextFeeMultiplier.set(nextMultiplier(storage.NextFeeMultiplier.get(), normalBlockWeight()));
  },
};
