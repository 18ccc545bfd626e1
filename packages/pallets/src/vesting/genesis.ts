/**
 * Vesting's genesis in Substrate's chain-spec shape: `[account, begin, length, liquid]`, locking
 * all of the account's genesis balance but `liquid`, released evenly over `length` blocks from `begin`.
 */
import { CanaryError, toHex } from "@canary/primitives";
import type { VestingSelf } from "./config.ts";
import { isValid } from "./schedule.ts";
import { VESTING_ID } from "./schedules.ts";

export interface VestingGenesis {
  vesting: Array<[Uint8Array, number, number, bigint]>;
}

export function buildGenesis({ storage, config }: VestingSelf, genesis: VestingGenesis): void {
  for (const [who, begin, length, liquid] of genesis.vesting) {
    const id = toHex(who);
    const balance = config.currency.api.freeBalance(who);
    if (balance === 0n) {
      throw new CanaryError(
        "VESTING_GENESIS",
        `${id} has no balance: give it one in balances before vesting it`,
      );
    }
    const locked = balance > liquid ? balance - liquid : 0n;
    const perBlock = locked / BigInt(Math.max(length, 1));
    const schedule = { locked, per_block: perBlock, starting_block: begin };
    if (!isValid(schedule)) {
      throw new CanaryError(
        "VESTING_GENESIS",
        `${id}: invalid schedule (locked ${locked}, ${perBlock} per block): liquid must be below the balance and length at most the locked amount`,
      );
    }
    const schedules = storage.Vesting.get(who) ?? [];
    if (schedules.length >= config.maxVestingSchedules) {
      throw new CanaryError("VESTING_GENESIS", `${id}: more than ${config.maxVestingSchedules} schedules`);
    }
    storage.Vesting.set(who, [...schedules, schedule]);
    config.currency.api.setLock(VESTING_ID, who, locked, "Misc");
  }
  storage.StorageVersion.set({ tag: "V1" });
}
