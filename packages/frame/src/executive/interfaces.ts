/**
 * What the executive needs from the runtime's pallets. System and transaction payment implement
 * these; the framework does not import pallets (DESIGN.md §3: frame ← pallets).
 */
import type { AccountId32, DigestItem } from "@canary/primitives";
import type { DispatchOutcome } from "../runtime.ts";
import type { DispatchClass, DispatchInfo, PostDispatchInfo, Weight } from "../weights.ts";

export interface ExecutiveSystem {
  initializeBlock(number: number, parentHash: Uint8Array, digest: DigestItem[]): void;
  noteApplyExtrinsic(index: number): void;
  noteExtrinsic(index: number, encoded: Uint8Array): void;
  noteFinishedExtrinsics(count: number): void;
  finalizeBlock(): {
    number: number;
    parentHash: Uint8Array;
    extrinsicsRoot: Uint8Array;
    digest: DigestItem[];
  };
  blockNumber(): number;
  /** Hash of block `number` if it is still remembered (within BlockHashCount). */
  blockHash(number: number): Uint8Array | undefined;
  /** The index the next extrinsic of this block will get. */
  extrinsicIndex(): number;
  accountNonce(who: AccountId32): number;
  /** Whether the account exists (has a provider or a sufficient): only existing accounts may transact. */
  accountExists(who: AccountId32): boolean;
  incAccountNonce(who: AccountId32): void;
  /** Weight used so far in this block, per class. */
  blockWeight(): Record<DispatchClass, Weight>;
  setBlockWeight(weight: Record<DispatchClass, Weight>): void;
  allExtrinsicsLen(): number;
  setAllExtrinsicsLen(len: number): void;
  /** Emits `ExtrinsicSuccess` or `ExtrinsicFailed` for the extrinsic just applied. */
  noteDispatchOutcome(outcome: DispatchOutcome, info: DispatchInfo): void;
  /** True when the code changed since the last block (spec version or name), so upgrade hooks run. */
  takeRuntimeUpgraded(specName: string, specVersion: number): boolean;
}

/** `ChargeTransactionPayment`: fees are taken before dispatch and the excess refunded after it. */
export interface ExecutivePayment {
  /** The fee for `len` bytes and `info` (tip included); also used by `TransactionPaymentApi_query_info`. */
  computeFee(len: number, info: DispatchInfo, tip: bigint): bigint;
  /** Withdraws `fee` from `who`; throws `invalid({tag: "Payment"})` if it cannot be paid. Returns what was taken. */
  withdrawFee(who: AccountId32, fee: bigint, tip: bigint): bigint;
  /** Refunds `paid − actualFee` to `who` and deals the rest (treasury and author share). */
  settleFee(who: AccountId32, paid: bigint, actualFee: bigint, tip: bigint): void;
  /** Updates the fee multiplier at the end of a block. */
  onFinalize?(): void;
}

/** No fees, for chains and tests without transaction payment. */
export const FREE_PAYMENT: ExecutivePayment = {
  computeFee: () => 0n,
  withdrawFee: () => 0n,
  settleFee: () => {},
};

/** Decides which unsigned calls may be included (inherents, `apply_authorized_upgrade`). */
export type UnsignedValidator = (
  call: { tag: string; value: { tag: string; value: unknown } },
  info: DispatchInfo,
) => { priority: bigint; longevity: bigint; provides: Uint8Array[] } | undefined;

export type { PostDispatchInfo };
