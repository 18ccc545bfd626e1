/**
 * Signed extensions as the runtime lists them (FRAME's `TxExtension` tuple): each has its
 * identifier, the "extra" it carries in a signed extrinsic, the "additional signed" data the signer
 * commits to, and its checks. The executive runs them in the runtime's order and the metadata
 * lists them from the same objects, so a runtime chooses its extensions in one place.
 */
import {
  type AccountId32,
  type Codec,
  type ExtensionSet,
  extensionSet,
  type SignedExtension,
} from "@canary/primitives";
import type { RuntimeCall } from "../dispatch.ts";
import type { DispatchOutcome } from "../runtime.ts";
import type { RuntimeVersion } from "../runtimeVersion.ts";
import type { DispatchInfo } from "../weights.ts";
import type { ExecutiveSystem } from "./interfaces.ts";
import type { BlockLimits } from "./limits.ts";
import type { ValidTransaction } from "./transactionValidity.ts";

/** What an extension sees of the block the transaction is checked for. */
export interface ExtensionContext {
  /** "validate" for the pool (nothing is kept), "apply" for inclusion in a block. */
  readonly mode: "validate" | "apply";
  readonly system: ExecutiveSystem;
  readonly version: RuntimeVersion;
  readonly limits: BlockLimits;
  /** The number of the block being built or validated for. */
  readonly current: number;
}

/** A transaction being checked: its signer (none when unsigned), call, declared info and length. */
export interface CheckedCall {
  readonly who: AccountId32 | undefined;
  readonly call: RuntimeCall;
  readonly info: DispatchInfo;
  readonly len: number;
}

// biome-ignore lint/suspicious/noExplicitAny: a list mixes extensions of different value types.
export interface TransactionExtension<X = any, A = any, P = any> extends SignedExtension {
  readonly extra: Codec<X>;
  readonly additionalSigned: Codec<A>;
  /** The additional-signed value as this runtime computes it; a signer who committed to another fails BadProof. */
  additional?(extra: X, ctx: ExtensionContext): A;
  /**
   * Checks a signed transaction (throws `TransactionRejected`), applies its side effects (kept only
   * in "apply" mode) and returns its share of the validity and what post-dispatch needs.
   */
  check?(
    tx: CheckedCall,
    extra: X,
    ctx: ExtensionContext,
  ): { validity?: Partial<ValidTransaction>; pre?: P } | undefined;
  /** Checks an unsigned transaction or inherent (FRAME's `validate_bare`/`prepare_bare`). */
  checkUnsigned?(tx: CheckedCall, ctx: ExtensionContext): void;
  /** After dispatch of a signed transaction, with the weight it actually used and its outcome. */
  postDispatch?(pre: P, tx: CheckedCall, extra: X, actual: DispatchInfo, outcome: DispatchOutcome): void;
}

/** A runtime's extension list with the combined codecs for its extrinsics and signing payloads. */
export interface TransactionExtensions<X = Record<string, unknown>, A = Record<string, unknown>>
  extends ExtensionSet<X, A> {
  readonly extensions: readonly TransactionExtension[];
}

export function transactionExtensions<X = Record<string, unknown>, A = Record<string, unknown>>(
  extensions: readonly TransactionExtension[],
): TransactionExtensions<X, A> {
  return { ...extensionSet<X, A>(extensions), extensions };
}

/** The value of `ext`'s extra within the combined extra record. */
export function extraOf(ext: SignedExtension, extra: unknown): unknown {
  return ext.extraKey === undefined ? undefined : (extra as Record<string, unknown>)[ext.extraKey];
}
