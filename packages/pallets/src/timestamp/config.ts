/**
 * What the runtime supplies to Timestamp. Defaults are Kusama's: blocks every 6 s (SLOT_DURATION)
 * and `MinimumPeriod = SLOT_DURATION / 2`, as BABE requires.
 */
export interface TimestampConfig {
  /** Smallest allowed step between the timestamps of consecutive blocks, in milliseconds. */
  minimumPeriod: bigint;
  /** Called with the new time after each `set` (Kusama: BABE's slot check). */
  onTimestampSet: (now: bigint) => void;
}

let config: TimestampConfig = { minimumPeriod: 3_000n, onTimestampSet: () => {} };

export function configureTimestamp(next: Partial<TimestampConfig>): void {
  config = { ...config, ...next };
}

export function timestampConfig(): TimestampConfig {
  return config;
}
