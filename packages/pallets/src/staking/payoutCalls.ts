/** Staking's payout calls (anyone may pay any validator's stakers), with pallet-staking's indices. */
import { call, ensureSigned } from "@canary/frame";
import { AccountId32, u32 } from "@canary/primitives";
import type { StakingSelf } from "./config.ts";
import type { payoutFns } from "./payout.ts";
import { weights } from "./weights.ts";

export function payoutCalls(self: StakingSelf, fns: ReturnType<typeof payoutFns>) {
  const pageWeight = () => weights.payoutStakers(self.config.maxExposurePageSize);
  return {
    payout_stakers: call({
      index: 18,
      args: { validator_stash: AccountId32, era: u32 },
      weight: pageWeight,
      docs: ["Pay out next page of the stakers behind a validator for the given era."],
      dispatch: (origin, { validator_stash, era }) => {
        ensureSigned(origin);
        fns.payout(validator_stash, era);
      },
    }),
    payout_stakers_by_page: call({
      index: 26,
      args: { validator_stash: AccountId32, era: u32, page: u32 },
      weight: pageWeight,
      docs: ["Pay out a page of the stakers behind a validator for the given era and page."],
      dispatch: (origin, { validator_stash, era, page }) => {
        ensureSigned(origin);
        fns.payoutByPage(validator_stash, era, page);
      },
    }),
  };
}
