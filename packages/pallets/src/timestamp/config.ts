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
  /** Called with the new time after each `set` (Kusama: BABE's slot check). */
  onTimestampSet: (now: bigint) => void;
}

export function timestampDefaults(): TimestampConfig {
  return { minimumPeriod: 3_000n, onTimestampSet: () => {} };
}

export type TimestampSelf = PalletSelf<TimestampConfig, StorageOf<typeof storage>, typeof events>;
