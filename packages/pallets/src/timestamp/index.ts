/**
 * pallet_timestamp for Canary: the block's time, set once per block by an inherent and checked
 * at the end of the block.
 */
import { constant, definePallet } from "@canary/frame";
import { calls } from "./calls.ts";
import { timestampConfig } from "./config.ts";
import { hooks } from "./hooks.ts";
import { storage } from "./storage.ts";
import { Moment } from "./types.ts";

// No events, errors or genesis (events.ts, errors.ts, genesis.ts are empty), as in FRAME.
export const Timestamp = definePallet({
  name: "Timestamp",
  storage,
  calls,
  hooks,
  constants: {
    MinimumPeriod: constant(Moment, () => timestampConfig().minimumPeriod, [
      "The minimum period between blocks.",
      "",
      "Be aware that this is different to the *expected* period that the block production",
      "apparatus provides. Your chosen consensus system will generally work with this to",
      "determine a sensible block time. For example, in the Aura pallet it will be double this",
      "period on default settings.",
    ]),
  },
  docs: ["The Timestamp pallet provides functionality to get and set the on-chain time."],
});

/** The current block's time (ms); before `set` runs in a block, the previous block's. */
export function timestampNow(): bigint {
  return storage.Now.get();
}

export { configureTimestamp, type TimestampConfig, timestampConfig } from "./config.ts";
export { PANICS as TIMESTAMP_PANICS } from "./errors.ts";
export * from "./inherent.ts";
export { storage as timestampStorage } from "./storage.ts";
export { Moment } from "./types.ts";
