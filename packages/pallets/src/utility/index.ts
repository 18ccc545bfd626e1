/**
 * pallet_utility for Canary: batches of calls (`batch`, `batch_all`, `force_batch`), calls from
 * derivative accounts (`as_derivative`) and Root calls with a given weight (`with_weight`).
 */
import { constant, definePallet, type PalletInstance } from "@canary/frame";
import { u32 } from "@canary/primitives";
import type { SystemInstance } from "../system/index.ts";
import { calls } from "./calls.ts";
import { BATCHED_CALLS_LIMIT, type UtilityConfig, type UtilitySelf } from "./config.ts";
import { errors } from "./errors.ts";
import { events } from "./events.ts";
import { hooks } from "./hooks.ts";

export const Utility = definePallet({
  name: "Utility",
  events,
  errors,
  docs: ["A stateless pallet with helpers for dispatch management which does no re-authentication."],
  build: (self: UtilitySelf) => ({
    calls: calls(self),
    hooks,
    constants: {
      batched_calls_limit: constant(u32, () => self.config.batchedCallsLimit, [
        "The limit on the number of batched calls.",
      ]),
    },
  }),
});

/** Kusama's configuration, with the runtime's System. */
export const utilityDefaults = (system: SystemInstance): UtilityConfig => ({
  system,
  batchedCallsLimit: BATCHED_CALLS_LIMIT,
});

export type UtilityInstance = PalletInstance<UtilitySelf>;
export type { UtilityConfig, UtilitySelf } from "./config.ts";
export { derivativeAccountId } from "./derivative.ts";
export { DispatchResult } from "./types.ts";
