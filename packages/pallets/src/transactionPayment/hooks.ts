/** The end-of-block update of the fee multiplier (FRAME's `on_finalize`). */
import type { Hooks } from "@canary/frame";
import type { TransactionPaymentSelf } from "./config.ts";
import { nextMultiplier } from "./multiplier.ts";
import { weights } from "./weights.ts";

export const hooks = ({ storage, config }: TransactionPaymentSelf): Hooks => ({
  // on_finalize's weight is charged up front, as FRAME does.
  onInitialize: () => weights.onFinalize(),
  onFinalize: () => {
    const normal = config.system.api.executive.blockWeight().Normal;
    storage.NextFeeMultiplier.set(nextMultiplier(config, storage.NextFeeMultiplier.get(), normal));
  },
});
