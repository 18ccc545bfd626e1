/** Staking's storage, with pallet-staking's item names, hashers and layouts (Kusama's before Asset Hub). */
import { doubleMap, map, nMap, value } from "@canary/frame";
import { AccountId32, Tuple, u32, u128, Vec } from "@canary/primitives";
import {
  ActiveEraInfo,
  EraRewardPoints,
  EraTiming,
  ExposurePage,
  Forcing,
  Nominations,
  PagedExposureMetadata,
  Perbill,
  Percent,
  RewardDestination,
  SlashingSpans,
  SpanRecord,
  StakingLedger,
  UnappliedSlash,
  ValidatorPrefs,
} from "./types.ts";

const era = ["Twox64Concat", u32] as const;
const account = ["Twox64Concat", AccountId32] as const;

export const storage = {
  ValidatorCount: value({ value: u32, default: 0, docs: ["The ideal number of active validators."] }),
  MinimumValidatorCount: value({
    value: u32,
    default: 0,
    docs: ["Minimum number of staking participants before emergency conditions are imposed."],
  }),
  Invulnerables: value({
    value: Vec(AccountId32),
    default: [],
    docs: ["Any validators that may never be slashed or forcibly kicked."],
  }),
  Bonded: map("Twox64Concat", AccountId32, {
    value: AccountId32,
    docs: ['Map from all locked "stash" accounts to the controller account.'],
  }),
  MinNominatorBond: value({
    value: u128,
    default: 0n,
    docs: ["The minimum active bond to become and maintain the role of a nominator."],
  }),
  MinValidatorBond: value({
    value: u128,
    default: 0n,
    docs: ["The minimum active bond to become and maintain the role of a validator."],
  }),
  MinimumActiveStake: value({
    value: u128,
    default: 0n,
    docs: ["The minimum active nominator stake of the last successful election."],
  }),
  MinCommission: value({
    value: Perbill,
    default: 0,
    docs: ["The minimum amount of commission that validators can set."],
  }),
  Ledger: map("Blake2_128Concat", AccountId32, {
    value: StakingLedger,
    docs: ['Map from all (unlocked) "controller" accounts to the info regarding the staking.'],
  }),
  Payee: map("Twox64Concat", AccountId32, {
    value: RewardDestination,
    docs: ["Where the reward payment should be made. Keyed by stash."],
  }),
  Validators: map("Twox64Concat", AccountId32, {
    value: ValidatorPrefs,
    default: { commission: 0, blocked: false },
    docs: ["The map from (wannabe) validator stash key to the preferences of that validator."],
  }),
  CounterForValidators: value({
    value: u32,
    default: 0,
    docs: ["Counter for the related counted storage map"],
  }),
  MaxValidatorsCount: value({
    value: u32,
    docs: ["The maximum validator count before we stop allowing new validators to join."],
  }),
  Nominators: map("Twox64Concat", AccountId32, {
    value: Nominations,
    docs: [
      "The map from nominator stash key to their nomination preferences, namely the validators that they wish to support.",
    ],
  }),
  CounterForNominators: value({
    value: u32,
    default: 0,
    docs: ["Counter for the related counted storage map"],
  }),
  MaxNominatorsCount: value({
    value: u32,
    docs: ["The maximum nominator count before we stop allowing new validators to join."],
  }),
  CurrentEra: value({ value: u32, docs: ["The current era index: the latest planned era."] }),
  ActiveEra: value({ value: ActiveEraInfo, docs: ["The active era information, it holds index and start."] }),
  ErasStartSessionIndex: map("Twox64Concat", u32, {
    value: u32,
    docs: ["The session index at which the era start for the last [`Config::HistoryDepth`] eras."],
  }),
  ErasStakersOverview: doubleMap(era, account, {
    value: PagedExposureMetadata,
    docs: ["Summary of validator exposure at a given era."],
  }),
  ErasStakersPaged: nMap<[number, Uint8Array, number], ExposurePage>([era, account, ["Twox64Concat", u32]], {
    value: ExposurePage,
    docs: ["Paginated exposure of a validator at given era."],
  }),
  ClaimedRewards: doubleMap(era, account, {
    value: Vec(u32),
    default: [] as number[],
    docs: ["History of claimed paged rewards by era and validator."],
  }),
  ErasValidatorPrefs: doubleMap(era, account, {
    value: ValidatorPrefs,
    default: { commission: 0, blocked: false },
    docs: ["Similar to `ErasStakers`, this holds the preferences of validators."],
  }),
  ErasValidatorReward: map("Twox64Concat", u32, {
    value: u128,
    docs: ["The total validator era payout for the last [`Config::HistoryDepth`] eras."],
  }),
  ErasRewardPoints: map("Twox64Concat", u32, {
    value: EraRewardPoints,
    default: { total: 0, individual: [] },
    docs: ["Rewards for the last [`Config::HistoryDepth`] eras."],
  }),
  ErasTotalStake: map("Twox64Concat", u32, {
    value: u128,
    default: 0n,
    docs: ["The total amount staked for the last [`Config::HistoryDepth`] eras."],
  }),
  ForceEra: value({
    value: Forcing,
    default: { tag: "NotForcing" } as Forcing,
    docs: ["Mode of era forcing."],
  }),
  MaxStakedRewards: value({
    value: Percent,
    docs: [
      "Maximum staked rewards, i.e. the percentage of the era inflation that is used for stake rewards.",
    ],
  }),
  SlashRewardFraction: value({
    value: Perbill,
    default: 0,
    docs: ["The percentage of the slash that is distributed to reporters."],
  }),
  CanceledSlashPayout: value({
    value: u128,
    default: 0n,
    docs: [
      "The amount of currency given to reporters of a slash event which was canceled by extraordinary circumstances (e.g. governance).",
    ],
  }),
  UnappliedSlashes: map("Twox64Concat", u32, {
    value: Vec(UnappliedSlash),
    default: [],
    docs: ["All unapplied slashes that are queued for later."],
  }),
  BondedEras: value({
    value: Vec(Tuple(u32, u32)),
    default: [],
    docs: ["A mapping from still-bonded eras to the first session index of that era."],
  }),
  ValidatorSlashInEra: doubleMap(era, account, {
    value: Tuple(Perbill, u128),
    docs: [
      "All slashing events on validators, mapped by era to the highest slash proportion and slash value of the era.",
    ],
  }),
  NominatorSlashInEra: doubleMap(era, account, {
    value: u128,
    docs: ["All slashing events on nominators, mapped by era to the highest slash value of the era."],
  }),
  SlashingSpans: map("Twox64Concat", AccountId32, {
    value: SlashingSpans,
    docs: ["Slashing spans for stash accounts."],
  }),
  SpanSlash: map("Twox64Concat", Tuple(AccountId32, u32), {
    value: SpanRecord,
    default: { slashed: 0n, paid_out: 0n },
    docs: [
      "Records information about the maximum slash of a stash within a slashing span, as well as how much reward has been paid out.",
    ],
  }),
  CurrentPlannedSession: value({
    value: u32,
    default: 0,
    docs: ["The last planned session scheduled by the session pallet."],
  }),
  DisabledValidators: value({
    value: Vec(u32),
    default: [],
    docs: [
      "Indices of validators that have offended in the active era. The offenders are disabled for a whole era.",
    ],
  }),
  EraTiming: value({
    value: EraTiming,
    docs: [
      "Canary: the chain's era timing when its genesis chose one (sessions per era, bonding and",
      "slash deferral in eras); Kusama's constants otherwise. Read the constants for the values in force.",
    ],
  }),
  ChillThreshold: value({
    value: Percent,
    docs: ["The threshold for when users can start calling `chill_other` for other validators / nominators."],
  }),
};
