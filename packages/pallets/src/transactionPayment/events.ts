/** Transaction payment's events; index and field names are FRAME's. */
import { event } from "@canary/frame";
import { AccountId32, u128 } from "@canary/primitives";

export const events = {
  TransactionFeePaid: event(0, { who: AccountId32, actual_fee: u128, tip: u128 }, [
    "A transaction fee `actual_fee`, of which `tip` was added to the minimum inclusion fee,",
    "has been paid by `who`.",
  ]),
};
