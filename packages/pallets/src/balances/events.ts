/** Balances' events; indices and field names are FRAME's, so explorers decode them unchanged. */
import { event } from "@canary/frame";
import { AccountId32, u128 } from "@canary/primitives";
import { BalanceStatus } from "./types.ts";

const whoAmount = { who: AccountId32, amount: u128 };

export const events = {
  Endowed: event(0, { account: AccountId32, free_balance: u128 }, [
    "An account was created with some free balance.",
  ]),
  DustLost: event(1, { account: AccountId32, amount: u128 }, [
    "An account was removed whose balance was non-zero but below ExistentialDeposit, resulting in an outright loss.",
  ]),
  Transfer: event(2, { from: AccountId32, to: AccountId32, amount: u128 }, ["Transfer succeeded."]),
  BalanceSet: event(3, { who: AccountId32, free: u128 }, ["A balance was set by root."]),
  Reserved: event(4, whoAmount, ["Some balance was reserved (moved from free to reserved)."]),
  Unreserved: event(5, whoAmount, ["Some balance was unreserved (moved from reserved to free)."]),
  ReserveRepatriated: event(
    6,
    { from: AccountId32, to: AccountId32, amount: u128, destination_status: BalanceStatus },
    ["Some balance was moved from the reserve of the first account to the second account."],
  ),
  Deposit: event(7, whoAmount, ["Some amount was deposited (e.g. for transaction fees)."]),
  Withdraw: event(8, whoAmount, ["Some amount was withdrawn from the account (e.g. for transaction fees)."]),
  Slashed: event(9, whoAmount, ["Some amount was removed from the account (e.g. for misbehavior)."]),
  Minted: event(10, whoAmount, ["Some amount was minted into an account."]),
  Burned: event(11, whoAmount, ["Some amount was burned from an account."]),
  Suspended: event(12, whoAmount, ["Some amount was suspended from an account (it can be restored later)."]),
  Restored: event(13, whoAmount, ["Some amount was restored into an account."]),
  Upgraded: event(14, { who: AccountId32 }, ["An account was upgraded."]),
  Issued: event(15, { amount: u128 }, [
    "Total issuance was increased by `amount`, creating a credit to be balanced.",
  ]),
  Rescinded: event(16, { amount: u128 }, [
    "Total issuance was decreased by `amount`, creating a debt to be balanced.",
  ]),
  Locked: event(17, whoAmount, ["Some balance was locked."]),
  Unlocked: event(18, whoAmount, ["Some balance was unlocked."]),
  Frozen: event(19, whoAmount, ["Some balance was frozen."]),
  Thawed: event(20, whoAmount, ["Some balance was thawed."]),
  TotalIssuanceForced: event(21, { old: u128, new: u128 }, ["The `TotalIssuance` was forcefully changed."]),
};
