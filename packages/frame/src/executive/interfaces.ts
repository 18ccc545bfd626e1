/**
 * What the executive needs from the runtime's System pallet, which implements it; the framework does not import pallets (DESIGN.md §3: frame ← pallets).
 */
import type { AccountId32, DigestItem } from "@canary/primitives";
import type { DispatchOutcome, RuntimeCall } from "../dispatch.ts";
import type { DispatchClass, DispatchInfo, PostDispatchInfo, Weight } from "../weights.ts";
import type { TransactionSource } from "./transactionValidity.ts";

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

/**
 * Decides which unsigned calls may be included (FRAME's `ValidateUnsigned`): their validity, or
 * undefined for a call no pallet claims; it throws a TransactionRejected for one it refuses.
 * `source` is where the transaction comes from (`InBlock` when a block applies it).
 */
export type UnsignedValidator = (
  call: RuntimeCall,
  info: DispatchInfo,
  source: TransactionSource,
) => { priority: bigint; longevity: bigint; provides: Uint8Array[]; propagate?: boolean } | undefined;

export type { PostDispatchInfo };
