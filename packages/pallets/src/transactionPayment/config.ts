/**
 * What the runtime supplies to transaction payment, and what its parts receive. Defaults are
 * Kusama's (reference/kusama-runtime.md §6): fee coefficients and the targeted fee adjustment's
 * constants. Where fees go is the runtime's choice (`onChargedFee`).
 */
import { type BlockLimits, blockLimits, type PalletSelf, type StorageOf } from "@canary/frame";
import type { BalancesInstance } from "../balances/index.ts";
import type { SystemInstance } from "../system/index.ts";
import type { events } from "./events.ts";
import type { storage } from "./storage.ts";

/** Kusama's CENTS (UNITS / 30 / 100) and MILLICENTS. */
const CENTS = 333_333_333n;
const MILLICENTS = CENTS / 1_000n;

export interface TransactionPaymentConfig {
  system: SystemInstance;
  /** The currency fees are paid in. */
  currency: BalancesInstance;
  /**
   * Deals with what a transaction paid (FRAME's `OnUnbalanced` of `OnChargeTransaction`): `fee`
   * left the payer's account and the total issuance, and so did the `tip`; what the handler does
   * not deposit anywhere stays burned.
   */
  onChargedFee: (fee: bigint, tip: bigint) => void;
  limits: BlockLimits;
  /** Fee per encoded byte (`TransactionByteFee`). */
  byteFee: bigint;
  /** `WeightToFee` as Kusama's degree-1 polynomial: fee = integer·w + frac·w (frac in Perbill parts). */
  weightToFee: { coeffInteger: bigint; coeffFracPerbill: bigint };
  /** Priority boost of Operational transactions (`OperationalFeeMultiplier`). */
  operationalFeeMultiplier: number;
  /** Targeted fee adjustment: the block fullness aimed at, in parts per 10^18 (25%). */
  targetFullness: bigint;
  /** Its adjustment variable v as a FixedU128 inner value (75 / 1_000_000). */
  adjustmentVariable: bigint;
  /** Bounds of the multiplier as FixedU128 inner values. */
  minMultiplier: bigint;
  maxMultiplier: bigint;
}

/** Kusama's polynomial: p = CENTS, q = 10 · ExtrinsicBaseWeight.ref_time; Perbill rounds down. */
export function kusamaWeightToFee(baseExtrinsicRefTime: bigint) {
  const p = CENTS;
  const q = 10n * baseExtrinsicRefTime;
  return { coeffInteger: p / q, coeffFracPerbill: ((p % q) * 1_000_000_000n) / q };
}

/** Kusama's values for the given System and currency; fees are burned unless `onChargedFee` is given. */
export function transactionPaymentDefaults(
  system: SystemInstance,
  currency: BalancesInstance,
  limits: BlockLimits = blockLimits(),
): TransactionPaymentConfig {
  return {
    system,
    currency,
    onChargedFee: () => {},
    limits,
    byteFee: 10n * MILLICENTS,
    weightToFee: kusamaWeightToFee(limits.perClass.Normal.baseExtrinsic.refTime),
    operationalFeeMultiplier: 5,
    targetFullness: 250_000_000_000_000_000n,
    adjustmentVariable: 75_000_000_000_000n,
    minMultiplier: 100_000_000_000_000_000n,
    maxMultiplier: (1n << 128n) - 1n,
  };
}

export type TransactionPaymentSelf = PalletSelf<
  TransactionPaymentConfig,
  StorageOf<typeof storage>,
  typeof events
>;
