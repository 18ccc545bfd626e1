/**
 * What the runtime supplies to Utility. Utility dispatches the calls it carries, so it needs the
 * composed runtime: the runtime composition calls `configureUtility({ dispatcher: runtime })`.
 */
import { CanaryError } from "@canary/primitives";
import type { Dispatcher } from "./types.ts";

export interface UtilityConfig {
  dispatcher: Dispatcher | undefined;
  /**
   * FRAME's `batched_calls_limit`: the allocator limit (32 MiB) / 3 (vector growth margin) / the
   * call size aligned to 1 KiB (Kusama's `RuntimeCall` fits in one KiB) = 10,922.
   */
  batchedCallsLimit: number;
}

let config: UtilityConfig = { dispatcher: undefined, batchedCallsLimit: 10_922 };

export function configureUtility(next: Partial<UtilityConfig>): void {
  config = { ...config, ...next };
}

export function utilityConfig(): UtilityConfig {
  return config;
}

export function utilityDispatcher(): Dispatcher {
  const { dispatcher } = config;
  if (!dispatcher) {
    throw new CanaryError(
      "UTILITY_NO_DISPATCHER",
      "configureUtility({ dispatcher: runtime }) was not called",
    );
  }
  return dispatcher;
}
