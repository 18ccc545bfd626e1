/** Vesting's errors, with FRAME's indices. */
export const errors = {
  NotVesting: { index: 0, docs: ["The account given is not vesting."] },
  AtMaxVestingSchedules: {
    index: 1,
    docs: [
      "The account already has `MaxVestingSchedules` count of schedules and thus",
      "cannot add another one. Consider merging existing schedules in order to add another.",
    ],
  },
  AmountLow: { index: 2, docs: ["Amount being transferred is too low to create a vesting schedule."] },
  ScheduleIndexOutOfBounds: { index: 3, docs: ["An index was out of bounds of the vesting schedules."] },
  InvalidScheduleParams: {
    index: 4,
    docs: ["Failed to create a new schedule because some parameter was invalid."],
  },
};
