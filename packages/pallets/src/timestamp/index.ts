/**
 * pallet_timestamp for Canary: the block's time, set once per block by an inherent and checked
 * at the end of the block.
 */
import { constant, definePallet, type PalletInstance } from "@canary/frame";
import { calls } from "./calls.ts";
import type { TimestampSelf } from "./config.ts";
import { hooks } from "./hooks.ts";
import { inherent } from "./inherent.ts";
import { storage } from "./storage.ts";
import { Moment } from "./types.ts";

// No events, errors or genesis (events.ts, errors.ts, genesis.ts are empty), as in FRAME.
export const Timestamp = definePallet({
  name: "Timestamp",
  storage,
  docs: ["The Timestamp pallet provides functionality to get and set the on-chain time."],
  build: (self: TimestampSelf) => ({
    calls: calls(self),
    hooks: hooks(self),
    api: inherent(self),
    constants: {
      MinimumPeriod: constant(Moment, () => self.config.minimumPeriod, [
        "The minimum period between blocks.",
        "",
        "Be aware that this is different to the *expected* period that the block production",
        "apparatus provides. Your chosen consensus system will generally work with this to",
        "determine a sensible block time. For example, in the Aura pallet it will be double this",
        "period on default settings.",
      ]),
    },
  }),
});

export type TimestampInstance = PalletInstance<TimestampSelf, ReturnType<typeof inherent>>;
export { type TimestampConfig, type TimestampSelf, timestampDefaults } from "./config.ts";
export { PANICS as TIMESTAMP_PANICS } from "./errors.ts";
export { type InherentError, MAX_TIMESTAMP_DRIFT_MILLIS } from "./inherent.ts";
export { Moment } from "./types.ts";
