/** Staking's events, with pallet-staking's indices and field names (Kusama's before Asset Hub). */
import { event } from "@canary/frame";
import { AccountId32, u32, u128 } from "@canary/primitives";
import { Forcing, Perbill, RewardDestination, ValidatorPrefs } from "./types.ts";

const stashAmount = { stash: AccountId32, amount: u128 };

export const events = {
  EraPaid: event(0, { era_index: u32, validator_payout: u128, remainder: u128 }, [
    "The era payout has been set; the first balance is the validator-payout; the second is",
    "the remainder from the maximum amount of reward.",
  ]),
  Rewarded: event(1, { stash: AccountId32, dest: RewardDestination, amount: u128 }, [
    "The nominator has been rewarded by this amount to this destination.",
  ]),
  Slashed: event(2, { staker: AccountId32, amount: u128 }, [
    "A staker (validator or nominator) has been slashed by the given amount.",
  ]),
  SlashReported: event(3, { validator: AccountId32, fraction: Perbill, slash_era: u32 }, [
    "A slash for the given validator, for the given percentage of their stake, at the given",
    "era as been reported.",
  ]),
  OldSlashingReportDiscarded: event(4, { session_index: u32 }, [
    "An old slashing report from a prior era was discarded because it could",
    "not be processed.",
  ]),
  StakersElected: event(5, {}, ["A new set of stakers was elected."]),
  Bonded: event(6, stashAmount, ["An account has bonded this amount. \\[stash, amount\\]"]),
  Unbonded: event(7, stashAmount, ["An account has unbonded this amount."]),
  Withdrawn: event(8, stashAmount, [
    "An account has called `withdraw_unbonded` and removed unbonding chunks worth `Balance`",
    "from the unlocking queue.",
  ]),
  Kicked: event(9, { nominator: AccountId32, stash: AccountId32 }, [
    "A nominator has been kicked from a validator.",
  ]),
  StakingElectionFailed: event(10, {}, ["The election failed. No new era is planned."]),
  Chilled: event(11, { stash: AccountId32 }, [
    "An account has stopped participating as either a validator or nominator.",
  ]),
  PayoutStarted: event(12, { era_index: u32, validator_stash: AccountId32 }, [
    "The stakers' rewards are getting paid.",
  ]),
  ValidatorPrefsSet: event(13, { stash: AccountId32, prefs: ValidatorPrefs }, [
    "A validator has set their preferences.",
  ]),
  SnapshotVotersSizeExceeded: event(14, { size: u32 }, ["Voters size limit reached."]),
  SnapshotTargetsSizeExceeded: event(15, { size: u32 }, ["Targets size limit reached."]),
  ForceEra: event(16, { mode: Forcing }, ["A new force era mode was set."]),
  ControllerBatchDeprecated: event(17, { failures: u32 }, ["Report of a controller batch deprecation."]),
};
