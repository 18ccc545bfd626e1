/** What the runtime supplies to Vesting, and what its parts receive. Defaults are Kusama's. */
import type { PalletSelf, StorageOf } from "@canary/frame";
import type { BalancesInstance } from "../balances/index.ts";
import { CENTS } from "../balances/index.ts";
import type { SystemInstance } from "../system/index.ts";
import type { errors } from "./errors.ts";
import type { events } from "./events.ts";
import type { storage } from "./storage.ts";

export interface VestingConfig {
  /** The System whose block number schedules count in (FRAME's `BlockNumberProvider`). */
  system: SystemInstance;
  /** The currency that is locked (Kusama's Balances). */
  currency: BalancesInstance;
  /** The least a `vested_transfer` may lock (Kusama: 100 CENTS). */
  minVestedTransfer: bigint;
  /** Schedules one account may have at once (Kusama: 28). */
  maxVestingSchedules: number;
}

export function vestingDefaults(system: SystemInstance, currency: BalancesInstance): VestingConfig {
  return { system, currency, minVestedTransfer: 100n * CENTS, maxVestingSchedules: 28 };
}

export type VestingSelf = PalletSelf<VestingConfig, StorageOf<typeof storage>, typeof events, typeof errors>;
