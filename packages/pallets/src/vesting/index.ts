/**
 * pallet_vesting for Canary: schedules that lock part of an account's balance and release it block
 * by block (`vesting ` lock on Balances), as Kusama has at index 28. Claims adds schedules to
 * vested claims through the API.
 */
import { constant, definePallet, type PalletInstance } from "@canary/frame";
import { u32, u128 } from "@canary/primitives";
import { calls } from "./calls.ts";
import type { VestingSelf } from "./config.ts";
import { errors } from "./errors.ts";
import { events } from "./events.ts";
import { buildGenesis, type VestingGenesis } from "./genesis.ts";
import { hooks } from "./hooks.ts";
import { scheduleFns } from "./schedules.ts";
import { storage } from "./storage.ts";

/** FRAME's `VestingSchedule` trait and more: what Claims and the runtime use. */
function api(self: VestingSelf) {
  const fns = scheduleFns(self);
  return { ...fns, schedules: (who: Uint8Array) => self.storage.Vesting.get(who) ?? [] };
}

export const Vesting = definePallet({
  name: "Vesting",
  storage,
  events,
  errors,
  docs: ["A simple pallet providing a means of placing a linear curve on an account's locked balance."],
  build: (self: VestingSelf) => {
    const offered = api(self);
    return {
      calls: calls(self, offered),
      hooks,
      genesis: { build: (config: VestingGenesis) => buildGenesis(self, config) },
      api: offered,
      constants: {
        MinVestedTransfer: constant(u128, () => self.config.minVestedTransfer, [
          "The minimum amount transferred to call `vested_transfer`.",
        ]),
        MaxVestingSchedules: constant(u32, () => self.config.maxVestingSchedules),
      },
    };
  },
});

export type VestingApi = ReturnType<typeof api>;
export type VestingInstance = PalletInstance<VestingSelf, VestingApi>;
export { type VestingConfig, type VestingSelf, vestingDefaults } from "./config.ts";
export type { VestingGenesis } from "./genesis.ts";
export { endingBlock, lockedAt, mergeSchedules } from "./schedule.ts";
export { VESTING_ID } from "./schedules.ts";
export { VestingInfo } from "./types.ts";
