/**
 * What the runtime supplies to Balances, and what its parts receive. Values default to Kusama's
 * (reference/kusama-runtime.md §0, §6).
 */
import type { PalletSelf, StorageOf } from "@canary/frame";
import type { SystemInstance } from "../system/index.ts";
import type { errors } from "./errors.ts";
import type { events } from "./events.ts";
import type { storage } from "./storage.ts";

/** Kusama's CENTS (UNITS / 30 / 100): the existential deposit. */
export const CENTS = 333_333_333n;

export interface BalancesConfig {
  /** The System whose account records hold the balances. */
  system: SystemInstance;
  /** The least free balance an account may hold and exist; anything less is dust and burned. */
  existentialDeposit: bigint;
  maxLocks: number;
  maxReserves: number;
  maxFreezes: number;
  /** Hold reasons an account may use at once (FRAME bounds it by the number of reasons). */
  maxHolds: number;
  /**
   * Where balances are stored (FRAME's `AccountStore`): System's account record (the native token,
   * as Kusama's) or this instance's own `Account` map (a second token).
   */
  accountStore: "system" | "own";
}

/** Kusama's values, with the runtime's System. */
export function balancesDefaults(system: SystemInstance): BalancesConfig {
  return {
    system,
    existentialDeposit: CENTS,
    maxLocks: 50,
    maxReserves: 50,
    maxFreezes: 8,
    maxHolds: 4,
    accountStore: "system",
  };
}

export type BalancesSelf = PalletSelf<
  BalancesConfig,
  StorageOf<typeof storage>,
  typeof events,
  typeof errors
>;
