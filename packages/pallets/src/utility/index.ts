/**
 * pallet_utility for Canary: batches of calls (`batch`, `batch_all`, `force_batch`), calls from
 * derivative accounts (`as_derivative`) and Root calls with a given weight (`with_weight`).
 */
import { constant, definePallet } from "@canary/frame";
import { u32 } from "@canary/primitives";
import { calls } from "./calls.ts";
import { utilityConfig } from "./config.ts";
import { errors } from "./errors.ts";
import { events } from "./events.ts";
import { hooks } from "./hooks.ts";

export const Utility = definePallet({
  name: "Utility",
  calls,
  events,
  errors,
  hooks,
  constants: {
    batched_calls_limit: constant(u32, () => utilityConfig().batchedCallsLimit, [
      "The limit on the number of batched calls.",
    ]),
  },
  docs: ["A stateless pallet with helpers for dispatch management which does no re-authentication."],
});

export { configureUtility, type UtilityConfig, utilityConfig } from "./config.ts";
export { derivativeAccountId } from "./derivative.ts";
export { type Dispatcher, DispatchResult } from "./types.ts";
