/**
 * BABE's genesis: the authorities of epochs 0 and 1 (when the chain has no session to provide
 * them), the epoch configuration and the slot length (Canary's: a chain chooses it at genesis;
 * FRAME fixes it in the runtime).
 */
import { CanaryError } from "@canary/primitives";
import type { BabeSelf } from "./config.ts";
import type { EpochFns } from "./epoch.ts";
import type { Authority, BabeEpochConfiguration } from "./types.ts";

export interface BabeGenesis {
  authorities?: Authority[];
  epochConfig?: BabeEpochConfiguration;
  /** Milliseconds per slot; unset: the runtime's `expectedBlockTime`. */
  slotDuration?: bigint;
  /** Slots per epoch; unset: the runtime's `epochDuration`. */
  epochDuration?: bigint;
}

/** Timestamp's minimum period is half a slot, which must be at least a millisecond. */
export const MIN_SLOT_DURATION = 2n;

export function buildGenesis(self: BabeSelf, epoch: EpochFns, config: BabeGenesis): void {
  self.storage.SegmentIndex.set(0);
  if (config.slotDuration !== undefined) {
    if (config.slotDuration < MIN_SLOT_DURATION)
      throw new CanaryError(
        "GENESIS_BAD_CONFIG",
        `babe.slotDuration must be at least ${MIN_SLOT_DURATION} ms, got ${config.slotDuration}`,
      );
    self.storage.SlotDuration.set(config.slotDuration);
  }
  if (config.epochDuration !== undefined) {
    if (config.epochDuration < 1n)
      throw new CanaryError(
        "GENESIS_BAD_CONFIG",
        `babe.epochDuration must be at least 1 slot, got ${config.epochDuration}`,
      );
    self.storage.EpochLength.set(config.epochDuration);
  }
  epoch.initializeGenesisAuthorities(config.authorities ?? []);
  self.storage.EpochConfig.set(config.epochConfig ?? self.config.genesisEpochConfig);
  epoch.publish();
}
