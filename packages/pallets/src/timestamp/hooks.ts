/** The end-of-block check that the timestamp inherent was applied. */
import type { Hooks } from "@canary/frame";
import { CanaryError } from "@canary/primitives";
import type { TimestampSelf } from "./config.ts";
import { PANICS } from "./errors.ts";
import { weights } from "./weights.ts";

export const hooks = ({ storage }: TimestampSelf): Hooks => ({
  // on_finalize's weight is charged up front, as FRAME does.
  onInitialize: () => weights.onFinalize(),
  onFinalize: () => {
    const updated = storage.DidUpdate.get();
    storage.DidUpdate.kill();
    // A block without the timestamp inherent is invalid: panic, as FRAME's assert.
    if (!updated) throw new CanaryError(PANICS.notSet, "Timestamp must be updated once in the block");
  },
});
