/** Timestamp's one call, `set`, applied as an inherent by the block author. */
import { call, ensureNone } from "@canary/frame";
import { CanaryError, compactU64 } from "@canary/primitives";
import { minimumPeriodOf, type TimestampSelf } from "./config.ts";
import { PANICS } from "./errors.ts";
import { weights } from "./weights.ts";

export const calls = ({ storage, config }: TimestampSelf) => ({
  set: call({
    index: 0,
    args: { now: compactU64 },
    weight: weights.set,
    class: "Mandatory",
    docs: [
      "Set the current time.",
      "",
      "This call should be invoked exactly once per block. It will panic at the finalization",
      "phase, if this call hasn't been invoked by that time.",
      "",
      "The timestamp should be greater than the previous one by the amount specified by",
      "`MinimumPeriod`.",
      "",
      "The dispatch origin for this call must be _None_.",
    ],
    dispatch: (origin, { now }) => {
      ensureNone(origin);
      // Both checks are panics in FRAME (asserts): a block that breaks them is invalid.
      if (storage.DidUpdate.exists()) {
        throw new CanaryError(PANICS.setTwice, "Timestamp must be updated only once in the block");
      }
      const prev = storage.Now.get();
      const { onTimestampSet } = config;
      const minimumPeriod = minimumPeriodOf(config);
      if (prev !== 0n && now < prev + minimumPeriod) {
        throw new CanaryError(
          PANICS.tooEarly,
          `Timestamp must increment by at least <MinimumPeriod> between sequential blocks: ${now} < ${prev} + ${minimumPeriod}`,
        );
      }
      storage.Now.set(now);
      storage.DidUpdate.set(true);
      onTimestampSet(now);
    },
  }),
});
