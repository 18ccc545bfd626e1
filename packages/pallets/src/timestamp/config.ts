/**
 * What the runtime supplies to Timestamp, and what its parts receive. Defaults are Kusama's: blocks
 * every 6 s (SLOT_DURATION) and `MinimumPeriod = SLOT_DURATION / 2`, as BABE requires.
 */
import type { PalletSelf, StorageOf } from "@canary/frame";
import type { events } from "./events.ts";
import type { storage } from "./storage.ts";

export interface TimestampConfig {
  /** Smallest allowed step between the timestamps of consecutive blocks, in milliseconds. */
  minimumPeriod: bigint;
  /**
   * The step in force when the chain chooses it in its state (FRAME's `MinimumPeriod` is a `Get`):
   * Canary's relay takes half of BABE's slot length, set at genesis. Default: `minimumPeriod`,
   * which the metadata's `MinimumPeriod` constant reports either way.
   */
  currentMinimumPeriod?: () => bigint;
  /** Called with the new time after each `set` (Kusama: BABE's slot check). */
  onTimestampSet: (now: bigint) => void;
}

/** The minimum period in force. */
export function minimumPeriodOf(config: TimestampConfig): bigint {
  return config.currentMinimumPeriod?.() ?? config.minimumPeriod;
}

export function timestampDefaults(): TimestampConfig {
  return { minimumPeriod: 3_000n, onTimestampSet: () => {} };
}

export type TimestampSelf = PalletSelf<TimestampConfig, StorageOf<typeof storage>, typeof events>;
