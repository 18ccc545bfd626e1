/**
 * What the runtime supplies to transaction payment. Defaults are Kusama's
 * (reference/kusama-runtime.md §6): fee coefficients, the targeted fee adjustment's constants,
 * and where fees go.
 */
import { type BlockLimits, blockLimits } from "@canary/frame";
import { type AccountId32, encodeUtf8 } from "@canary/primitives";

/** Kusama's CENTS (UNITS / 30 / 100) and MILLICENTS. */
const CENTS = 333_333_333n;
const MILLICENTS = CENTS / 1_000n;

/** A PalletId's account (`into_account_truncating`): "modl" ++ id, zero-padded to 32 bytes. */
export function palletAccount(id: string): AccountId32 {
  const out = new Uint8Array(32);
  out.set(encodeUtf8(`modl${id}`).subarray(0, 32));
  return out;
}

export interface TransactionPaymentConfig {
  limits: BlockLimits;
  /** Fee per encoded byte (`TransactionByteFee`). */
  byteFee: bigint;
  /** `WeightToFee` as Kusama's degree-1 polynomial: fee = integer·w + frac·w (frac in Perbill parts). */
  weightToFee: { coeffInteger: bigint; coeffFracPerbill: bigint };
  /** Priority boost of Operational transactions (`OperationalFeeMultiplier`). */
  operationalFeeMultiplier: number;
  /** The treasury's account: 80% of every fee. */
  treasuryAccount: AccountId32;
  /** The current block's author: 20% of every fee and all tips; none means that share is burned. */
  author: () => AccountId32 | undefined;
  /** Targeted fee adjustment: the block fullness aimed at, in parts per 10^18 (25%). */
  targetFullness: bigint;
  /** Its adjustment variable v as a FixedU128 inner value (75 / 1_000_000). */
  adjustmentVariable: bigint;
  /** Bounds of the multiplier as FixedU128 inner values. */
  minMultiplier: bigint;
  maxMultiplier: bigint;
}

/** Kusama's polynomial: p = CENTS, q = 10 · ExtrinsicBaseWeight.ref_time; Perbill rounds down. */
function kusamaWeightToFee(baseExtrinsicRefTime: bigint) {
  const p = CENTS;
  const q = 10n * baseExtrinsicRefTime;
  return { coeffInteger: p / q, coeffFracPerbill: ((p % q) * 1_000_000_000n) / q };
}

function defaults(): TransactionPaymentConfig {
  const limits = blockLimits();
  return {
    limits,
    byteFee: 10n * MILLICENTS,
    weightToFee: kusamaWeightToFee(limits.perClass.Normal.baseExtrinsic.refTime),
    operationalFeeMultiplier: 5,
    treasuryAccount: palletAccount("py/trsry"),
    author: () => undefined,
    targetFullness: 250_000_000_000_000_000n,
    adjustmentVariable: 75_000_000_000_000n,
    minMultiplier: 100_000_000_000_000_000n,
    maxMultiplier: (1n << 128n) - 1n,
  };
}

let config = defaults();

export function configureTransactionPayment(next: Partial<TransactionPaymentConfig>): void {
  config = { ...config, ...next };
  if (next.limits && !next.weightToFee) {
    config.weightToFee = kusamaWeightToFee(next.limits.perClass.Normal.baseExtrinsic.refTime);
  }
}

/** Back to Kusama's values (tests that change the configuration restore it). */
export function resetTransactionPaymentConfig(): void {
  config = defaults();
}

export function transactionPaymentConfig(): TransactionPaymentConfig {
  return config;
}
