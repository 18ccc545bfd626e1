/**
 * What the runtime supplies to Staking, and what its parts receive. Defaults are Kusama's
 * (fellows `relay/kusama` v1.6.1): eras of 6 sessions, 28 eras bonded, slashes deferred 27 eras.
 */
import type { PalletSelf, StorageOf } from "@canary/frame";
import type { BalancesInstance } from "../balances/index.ts";
import type { SystemInstance } from "../system/index.ts";
import type { errors } from "./errors.ts";
import type { events } from "./events.ts";
import type { storage } from "./storage.ts";

/** FRAME's `SessionInterface`: what Staking asks of Session. */
export interface StakingSession {
  /** The current session's validators (stashes). */
  validators(): Uint8Array[];
  /** Disables the validator at `index` of the current set; false when it already was. */
  disable(index: number): boolean;
}

export interface StakingConfig {
  system: SystemInstance;
  /** The staked currency (Kusama's Balances): bonds are its `staking ` lock. */
  currency: BalancesInstance;
  session: () => StakingSession;
  /** FRAME's `UnixTime`: the block's timestamp in milliseconds (Timestamp's `now`). */
  now: () => bigint;
  sessionsPerEra: number;
  bondingDuration: number;
  slashDeferDuration: number;
  historyDepth: number;
  /** Nominations per nominator (Kusama: 24). */
  maxNominations: number;
  maxUnlockingChunks: number;
  /** Nominators per reward page (Kusama: 512). */
  maxExposurePageSize: number;
  /** Voters an election reads at most, the largest stakes first (Kusama: 12,500). */
  maxElectingVoters: number;
  /** The most validators an election may elect (Kusama: 2,000). */
  maxWinners: number;
  /** Kusama's `EraPayout`: `[to validators, remainder]` for an era of `eraMs` milliseconds. */
  eraPayout: (totalStaked: bigint, totalIssuance: bigint, eraMs: bigint) => [bigint, bigint];
  /** FRAME's `RewardRemainder` (Kusama: the treasury), given what the era did not pay validators. */
  rewardRemainder: (amount: bigint) => void;
  /** FRAME's `Slash` (Kusama: the treasury), given what slashes took and reporters did not get. */
  slashed: (amount: bigint) => void;
}

export function stakingDefaults(
  system: SystemInstance,
  currency: BalancesInstance,
): Omit<StakingConfig, "session" | "now" | "eraPayout" | "rewardRemainder" | "slashed"> {
  return {
    system,
    currency,
    sessionsPerEra: 6,
    bondingDuration: 28,
    slashDeferDuration: 27,
    historyDepth: 84,
    maxNominations: 24,
    maxUnlockingChunks: 32,
    maxExposurePageSize: 512,
    maxElectingVoters: 12_500,
    maxWinners: 2_000,
  };
}

/** The era timing in force: the genesis choice, else the runtime's configuration. */
export function eraTiming({ storage, config }: StakingSelf): {
  sessionsPerEra: number;
  bondingDuration: number;
  slashDeferDuration: number;
} {
  const t = storage.EraTiming.get();
  return t
    ? {
        sessionsPerEra: t.sessions_per_era,
        bondingDuration: t.bonding_duration,
        slashDeferDuration: t.slash_defer_duration,
      }
    : config;
}

export type StakingSelf = PalletSelf<StakingConfig, StorageOf<typeof storage>, typeof events, typeof errors>;
