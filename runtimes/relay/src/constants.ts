/** Kusama's currency units and the relay chain's fixed parameters (reference/kusama-runtime.md §0, §6). */

/** 1 KSM = 10^12 planck. */
export const UNITS = 1_000_000_000_000n;
export const QUID = UNITS / 30n;
export const CENTS = QUID / 100n;
export const MILLICENTS = CENTS / 1_000n;

/** What each dev account starts with in the dev and local presets (as Kusama's dev chain spec). */
export const DEV_ENDOWMENT = 1_000_000n * UNITS;

/** What each proof-of-authority validator of the launch preset holds, and bonds, at genesis. */
export const LAUNCH_ENDOWMENT = 10_000n * UNITS;
export const LAUNCH_BOND = 1_000n * UNITS;

/** Blocks every 6 s; Timestamp's minimum period is half of it, as BABE requires. */
export const MILLISECS_PER_BLOCK = 6_000n;

/** Kusama's SS58 prefix. */
export const SS58_PREFIX = 2;

/** Slots per BABE epoch (and per session): an hour of 6 s slots, as Kusama. */
export const EPOCH_DURATION_IN_SLOTS = 600n;

/** `SetIdSession` entries kept: Kusama's bonding duration (28 eras) × sessions per era (6). */
export const MAX_SET_ID_SESSION_ENTRIES = 168n;

/**
 * How long an equivocation report stays valid in the pool, in blocks (Kusama's `ReportLongevity`:
 * bonding duration × sessions per era × epoch length).
 */
export const REPORT_LONGEVITY = 168n * EPOCH_DURATION_IN_SLOTS;

/** The token's symbol and decimals, as the chain spec's properties say and the metadata hash commits to. */
export const TOKEN_SYMBOL = "KSM";
export const TOKEN_DECIMALS = 12;
