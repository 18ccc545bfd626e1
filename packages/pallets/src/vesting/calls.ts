/** Vesting's calls, with FRAME's indices and argument names. */
import { call, ensureRoot, ensureSigned, lookupAccount as lookup } from "@canary/frame";
import { type AccountId32, MultiAddress, u32 } from "@canary/primitives";
import type { VestingSelf } from "./config.ts";
import { isValid } from "./schedule.ts";
import type { ScheduleFns } from "./schedules.ts";
import { VestingInfo } from "./types.ts";
import { weights } from "./weights.ts";

export function calls(self: VestingSelf, fns: ScheduleFns) {
  const { config, storage } = self;
  const max = config.maxVestingSchedules;

  /**
   * FRAME's `do_vested_transfer`: checks the schedule and the target's room before moving
   * anything, then transfers `locked` and locks it on the target.
   */
  function vestedTransfer(source: AccountId32, target: AccountId32, schedule: VestingInfo): void {
    if (schedule.locked < config.minVestedTransfer) throw self.fail("AmountLow");
    if (!isValid(schedule)) throw self.fail("InvalidScheduleParams");
    fns.canAddVestingSchedule(target, schedule.locked);
    config.currency.api.transfer(source, target, schedule.locked, false);
    fns.addVestingSchedule(target, schedule);
  }

  return {
    vest: call({
      index: 0,
      args: {},
      weight: () => weights.vest(max),
      docs: ["Unlock any vested funds of the sender account."],
      dispatch: (origin) => {
        fns.vest(ensureSigned(origin));
      },
    }),
    vest_other: call({
      index: 1,
      args: { target: MultiAddress },
      weight: () => weights.vestOther(max),
      docs: ["Unlock any vested funds of a `target` account."],
      dispatch: (origin, { target }) => {
        ensureSigned(origin);
        fns.vest(lookup(target));
      },
    }),
    vested_transfer: call({
      index: 2,
      args: { target: MultiAddress, schedule: VestingInfo },
      weight: () => weights.vestedTransfer(max),
      docs: ["Create a vested transfer."],
      dispatch: (origin, { target, schedule }) => {
        const source = ensureSigned(origin);
        vestedTransfer(source, lookup(target), schedule);
      },
    }),
    force_vested_transfer: call({
      index: 3,
      args: { source: MultiAddress, target: MultiAddress, schedule: VestingInfo },
      weight: () => weights.forceVestedTransfer(max),
      docs: ["Force a vested transfer."],
      dispatch: (origin, { source, target, schedule }) => {
        ensureRoot(origin);
        vestedTransfer(lookup(source), lookup(target), schedule);
      },
    }),
    merge_schedules: call({
      index: 4,
      args: { schedule1_index: u32, schedule2_index: u32 },
      weight: () => weights.mergeSchedules(max),
      docs: [
        "Merge two vesting schedules together, creating a new vesting schedule that unlocks over",
        "the highest possible start and end blocks.",
      ],
      dispatch: (origin, { schedule1_index, schedule2_index }) => {
        fns.merge(ensureSigned(origin), schedule1_index, schedule2_index);
      },
    }),
    force_remove_vesting_schedule: call({
      index: 5,
      args: { target: MultiAddress, schedule_index: u32 },
      weight: () => weights.forceRemoveVestingSchedule(max),
      docs: ["Force remove a vesting schedule"],
      dispatch: (origin, { target, schedule_index }) => {
        ensureRoot(origin);
        const who = lookup(target);
        if (schedule_index >= (storage.Vesting.get(who)?.length ?? 0))
          throw self.fail("InvalidScheduleParams");
        fns.removeSchedule(who, schedule_index);
      },
    }),
  };
}
