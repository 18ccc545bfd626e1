/** Balances' errors, with FRAME's indices (a `Module` error carries the index). */
export const errors = {
  VestingBalance: { index: 0, docs: ["Vesting balance too high to send value."] },
  LiquidityRestrictions: { index: 1, docs: ["Account liquidity restrictions prevent withdrawal."] },
  InsufficientBalance: { index: 2, docs: ["Balance too low to send value."] },
  ExistentialDeposit: { index: 3, docs: ["Value too low to create account due to existential deposit."] },
  Expendability: { index: 4, docs: ["Transfer/payment would kill account."] },
  ExistingVestingSchedule: { index: 5, docs: ["A vesting schedule already exists for this account."] },
  DeadAccount: { index: 6, docs: ["Beneficiary account must pre-exist."] },
  TooManyReserves: { index: 7, docs: ["Number of named reserves exceed `MaxReserves`."] },
  TooManyHolds: { index: 8, docs: ["Number of holds exceed `VariantCountOf<T::RuntimeHoldReason>`."] },
  TooManyFreezes: { index: 9, docs: ["Number of freezes exceed `MaxFreezes`."] },
  IssuanceDeactivated: {
    index: 10,
    docs: ["The issuance cannot be modified since it is already deactivated."],
  },
  DeltaZero: { index: 11, docs: ["The delta cannot be zero."] },
};
