/**
 * BABE's genesis: the authorities of epochs 0 and 1 (when the chain has no session to provide
 * them) and the epoch configuration.
 */
import type { BabeSelf } from "./config.ts";
import type { EpochFns } from "./epoch.ts";
import type { Authority, BabeEpochConfiguration } from "./types.ts";

export interface BabeGenesis {
  authorities?: Authority[];
  epochConfig?: BabeEpochConfiguration;
}

export function buildGenesis(self: BabeSelf, epoch: EpochFns, config: BabeGenesis): void {
  self.storage.SegmentIndex.set(0);
  epoch.initializeGenesisAuthorities(config.authorities ?? []);
  self.storage.EpochConfig.set(config.epochConfig ?? self.config.genesisEpochConfig);
  epoch.publish();
}
