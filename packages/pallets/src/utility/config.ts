/**
 * What the runtime supplies to Utility, and what its parts receive. Utility dispatches the calls it
 * carries through its runtime, and raises System's `CallFiltered`, so it takes System's instance.
 */
import type { PalletSelf } from "@canary/frame";
import type { SystemInstance } from "../system/index.ts";
import type { errors } from "./errors.ts";
import type { events } from "./events.ts";

export interface UtilityConfig {
  system: SystemInstance;
  /**
   * FRAME's `batched_calls_limit`: the allocator limit (32 MiB) / 3 (vector growth margin) / the
   * call size aligned to 1 KiB (Kusama's `RuntimeCall` fits in one KiB) = 10,922.
   */
  batchedCallsLimit: number;
}

export const BATCHED_CALLS_LIMIT = 10_922;

export type UtilitySelf = PalletSelf<UtilityConfig, Record<string, never>, typeof events, typeof errors>;
