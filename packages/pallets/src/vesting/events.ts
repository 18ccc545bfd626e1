/** Vesting's events; indices and field names are FRAME's. */
import { event } from "@canary/frame";
import { AccountId32, u128 } from "@canary/primitives";

export const events = {
  VestingUpdated: event(0, { account: AccountId32, unvested: u128 }, [
    "The amount vested has been updated. This could indicate a change in funds available.",
    "The balance given is the amount which is left unvested (and thus locked).",
  ]),
  VestingCompleted: event(1, { account: AccountId32 }, ["An \\[account\\] has become fully vested."]),
};
