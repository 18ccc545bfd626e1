/**
 * Staking's stored and call types, with pallet-staking's SCALE layouts and type paths so that
 * polkadot.js and polkadot-api decode them from metadata.
 */
import {
  AccountId32,
  bool,
  type Codec,
  compactU32,
  compactU128,
  DecodeError,
  Enum,
  type EnumValue,
  mapCodec,
  newtype,
  Option,
  Struct,
  Tuple,
  u8,
  u32,
  u64,
  u128,
  Vec,
  withIdentity,
} from "@canary/primitives";

const at = (name: string, ...more: string[]) => ({ path: ["pallet_staking", ...more, name] });

/** Parts of a PerThing: decoding refuses more than one whole, as sp-arithmetic does. */
function parts(inner: Codec<number>, accuracy: number, what: string): Codec<number> {
  return mapCodec(
    inner,
    (v) => {
      if (v > accuracy)
        throw new DecodeError("invalid-value", what, "Value is greater than allowed maximum!");
      return v;
    },
    (v) => v,
    what,
  );
}

/** `sp_arithmetic::Perbill`: parts per billion, a u32 newtype. */
export const Perbill: Codec<number> = newtype(
  parts(u32, 1_000_000_000, "Perbill"),
  ["sp_arithmetic", "per_things", "Perbill"],
  "u32",
  "Perbill",
);
/** `sp_arithmetic::Percent`: parts per hundred, a u8 newtype. */
export const Percent: Codec<number> = newtype(
  parts(u8, 100, "Percent"),
  ["sp_arithmetic", "per_things", "Percent"],
  "u8",
  "Percent",
);
/** `Compact<Perbill>`: the compact u32 bytes, described as the compact of Perbill. */
export const CompactPerbill: Codec<number> = mapCodec(
  parts(compactU32, 1_000_000_000, "Compact<Perbill>"),
  (v) => v,
  (v) => v,
  "Compact<Perbill>",
  { kind: "compact", inner: Perbill.desc },
);

export const PERBILL_ONE = 1_000_000_000;

const rewardDestinationVariants = {
  Staked: [0],
  Stash: [1],
  Controller: [2],
  Account: [3, AccountId32],
  None: [4],
} as const;
/** Where a staker's rewards go (`Controller` is deprecated: refused by `set_payee`). */
export const RewardDestination = withIdentity(
  Enum(rewardDestinationVariants, "RewardDestination"),
  at("RewardDestination"),
);
export type RewardDestination = EnumValue<typeof rewardDestinationVariants>;

export interface ValidatorPrefs {
  commission: number;
  blocked: boolean;
}
export const ValidatorPrefs: Codec<ValidatorPrefs> = withIdentity(
  Struct({ commission: CompactPerbill, blocked: bool }, "ValidatorPrefs"),
  at("ValidatorPrefs"),
);

export interface UnlockChunk {
  value: bigint;
  era: number;
}
export const UnlockChunk: Codec<UnlockChunk> = withIdentity(
  Struct({ value: compactU128, era: compactU32 }, "UnlockChunk"),
  at("UnlockChunk"),
);

/** The bonded funds of a stash: `active` counts in elections, `unlocking` waits for its era. */
export interface StakingLedger {
  stash: Uint8Array;
  total: bigint;
  active: bigint;
  unlocking: UnlockChunk[];
  legacy_claimed_rewards: number[];
}
export const StakingLedger: Codec<StakingLedger> = withIdentity(
  Struct(
    {
      stash: AccountId32,
      total: compactU128,
      active: compactU128,
      unlocking: Vec(UnlockChunk),
      legacy_claimed_rewards: Vec(u32),
    },
    "StakingLedger",
  ),
  at("StakingLedger"),
);

export interface Nominations {
  targets: Uint8Array[];
  submitted_in: number;
  suppressed: boolean;
}
export const Nominations: Codec<Nominations> = withIdentity(
  Struct({ targets: Vec(AccountId32), submitted_in: u32, suppressed: bool }, "Nominations"),
  at("Nominations"),
);

export interface ActiveEraInfo {
  index: number;
  start: bigint | undefined;
}
export const ActiveEraInfo: Codec<ActiveEraInfo> = withIdentity(
  Struct({ index: u32, start: Option(u64) }, "ActiveEraInfo"),
  at("ActiveEraInfo"),
);

const forcingVariants = { NotForcing: [0], ForceNew: [1], ForceNone: [2], ForceAlways: [3] } as const;
export const Forcing = withIdentity(Enum(forcingVariants, "Forcing"), at("Forcing"));
export type Forcing = EnumValue<typeof forcingVariants>;
export type ForcingMode = Forcing["tag"];

export interface IndividualExposure {
  who: Uint8Array;
  value: bigint;
}
export const IndividualExposure: Codec<IndividualExposure> = withIdentity(
  Struct({ who: AccountId32, value: compactU128 }, "IndividualExposure"),
  { path: ["sp_staking", "IndividualExposure"] },
);

/** A validator's backing in an era, without the nominators (`sp_staking::PagedExposureMetadata`). */
export interface PagedExposureMetadata {
  total: bigint;
  own: bigint;
  nominator_count: number;
  page_count: number;
}
export const PagedExposureMetadata: Codec<PagedExposureMetadata> = withIdentity(
  Struct(
    { total: compactU128, own: compactU128, nominator_count: u32, page_count: u32 },
    "PagedExposureMetadata",
  ),
  { path: ["sp_staking", "PagedExposureMetadata"] },
);

/** One page of a validator's nominators (`sp_staking::ExposurePage`). */
export interface ExposurePage {
  page_total: bigint;
  others: IndividualExposure[];
}
export const ExposurePage: Codec<ExposurePage> = withIdentity(
  Struct({ page_total: compactU128, others: Vec(IndividualExposure) }, "ExposurePage"),
  { path: ["sp_staking", "ExposurePage"] },
);

/** Reward points of an era: the total and each validator's (a `BTreeMap`, sorted by account). */
export interface EraRewardPoints {
  total: number;
  individual: Array<[Uint8Array, number]>;
}
export const EraRewardPoints: Codec<EraRewardPoints> = withIdentity(
  Struct({ total: u32, individual: Vec(Tuple(AccountId32, u32)) }, "EraRewardPoints"),
  at("EraRewardPoints"),
);

/** A slash computed at report time and applied after the deferral (`UnappliedSlash`). */
export interface UnappliedSlash {
  validator: Uint8Array;
  own: bigint;
  others: Array<[Uint8Array, bigint]>;
  reporters: Uint8Array[];
  payout: bigint;
}
export const UnappliedSlash: Codec<UnappliedSlash> = withIdentity(
  Struct(
    {
      validator: AccountId32,
      own: u128,
      others: Vec(Tuple(AccountId32, u128)),
      reporters: Vec(AccountId32),
      payout: u128,
    },
    "UnappliedSlash",
  ),
  at("UnappliedSlash"),
);

/** A stash's slashing spans: the current one starts at `last_start`; `prior` are earlier lengths, newest first. */
export interface SlashingSpans {
  span_index: number;
  last_start: number;
  last_nonzero_slash: number;
  prior: number[];
}
export const SlashingSpans: Codec<SlashingSpans> = withIdentity(
  Struct({ span_index: u32, last_start: u32, last_nonzero_slash: u32, prior: Vec(u32) }, "SlashingSpans"),
  at("SlashingSpans", "slashing"),
);

export interface SpanRecord {
  slashed: bigint;
  paid_out: bigint;
}
export const SpanRecord: Codec<SpanRecord> = withIdentity(
  Struct({ slashed: u128, paid_out: u128 }, "SpanRecord"),
  at("SpanRecord", "slashing"),
);

/** The era timing a chain chose at genesis (Canary's; Kusama's are constants). */
export interface EraTiming {
  sessions_per_era: number;
  bonding_duration: number;
  slash_defer_duration: number;
}
export const EraTiming: Codec<EraTiming> = withIdentity(
  Struct({ sessions_per_era: u32, bonding_duration: u32, slash_defer_duration: u32 }, "EraTiming"),
  at("EraTiming"),
);

/** `ConfigOp<T>` of `set_staking_configs`: keep, set, or remove a setting. */
export function ConfigOp<T>(inner: Codec<T>) {
  return withIdentity(Enum({ Noop: [0], Set: [1, inner], Remove: [2] } as const, "ConfigOp"), at("ConfigOp"));
}
export type ConfigOp<T> = { tag: "Noop" } | { tag: "Set"; value: T } | { tag: "Remove" };

/** The role a genesis staker takes (`StakerStatus`). */
export type StakerStatus = { tag: "Idle" } | { tag: "Validator" } | { tag: "Nominator"; value: Uint8Array[] };
