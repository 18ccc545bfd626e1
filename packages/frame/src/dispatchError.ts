/**
 * Substrate's `DispatchError` and the exception that carries it out of a failing call. Pallet
 * code throws `DispatchFailure`; dispatch catches it, rolls the call's storage back, and reports
 * the error in `System.ExtrinsicFailed`.
 */
import { CanaryError, Enum, type EnumValue, FixedBytes, Struct, u8, withIdentity } from "@canary/primitives";
import type { PostDispatchInfo } from "./weights.ts";

const tokenErrorVariants = {
  FundsUnavailable: [0],
  OnlyProvider: [1],
  BelowMinimum: [2],
  CannotCreate: [3],
  UnknownAsset: [4],
  Frozen: [5],
  Unsupported: [6],
  CannotCreateHold: [7],
  NotExpendable: [8],
  Blocked: [9],
} as const;
export const TokenError = withIdentity(Enum(tokenErrorVariants, "TokenError"), {
  path: ["sp_runtime", "TokenError"],
});
export type TokenError = keyof typeof tokenErrorVariants;

const arithmeticErrorVariants = { Underflow: [0], Overflow: [1], DivisionByZero: [2] } as const;
export const ArithmeticError = withIdentity(Enum(arithmeticErrorVariants, "ArithmeticError"), {
  path: ["sp_arithmetic", "ArithmeticError"],
});
export type ArithmeticError = keyof typeof arithmeticErrorVariants;

const transactionalErrorVariants = { LimitReached: [0], NoLayer: [1] } as const;
export const TransactionalError = withIdentity(Enum(transactionalErrorVariants, "TransactionalError"), {
  path: ["sp_runtime", "TransactionalError"],
});

export const ModuleError = withIdentity(Struct({ index: u8, error: FixedBytes(4) }, "ModuleError"), {
  path: ["sp_runtime", "ModuleError"],
});

const dispatchErrorVariants = {
  Other: [0],
  CannotLookup: [1],
  BadOrigin: [2],
  Module: [3, ModuleError],
  ConsumerRemaining: [4],
  NoProviders: [5],
  TooManyConsumers: [6],
  Token: [7, TokenError],
  Arithmetic: [8, ArithmeticError],
  Transactional: [9, TransactionalError],
  Exhausted: [10],
  Corruption: [11],
  Unavailable: [12],
  RootNotAllowed: [13],
} as const;

export const DispatchErrorCodec = withIdentity(Enum(dispatchErrorVariants, "DispatchError"), {
  path: ["sp_runtime", "DispatchError"],
});
export type DispatchError = EnumValue<typeof dispatchErrorVariants>;

/** Thrown by runtime code to fail the current dispatch with a `DispatchError`. */
export class DispatchFailure extends CanaryError {
  readonly error: DispatchError;
  /** What the failed call used and whether it pays (FRAME's `DispatchErrorWithPostInfo`). */
  readonly post: Partial<PostDispatchInfo>;

  constructor(error: DispatchError, detail?: string, post: Partial<PostDispatchInfo> = {}) {
    super("DISPATCH_FAILED", detail ?? `dispatch failed: ${describeDispatchError(error)}`);
    this.error = error;
    this.post = post;
  }

  /** The same failure, reporting the weight actually used (e.g. a batch that stopped early). */
  withPost(post: Partial<PostDispatchInfo>): DispatchFailure {
    return new DispatchFailure(this.error, this.message, { ...this.post, ...post });
  }
}

export function describeDispatchError(error: DispatchError): string {
  if (error.tag === "Module") return `Module { index: ${error.value.index}, error: ${error.value.error[0]} }`;
  if ("value" in error) return `${error.tag}(${error.value.tag})`;
  return error.tag;
}

export const badOrigin = (): DispatchFailure => new DispatchFailure({ tag: "BadOrigin" });
export const arithmetic = (kind: ArithmeticError): DispatchFailure =>
  new DispatchFailure({ tag: "Arithmetic", value: { tag: kind } });
export const tokenError = (kind: TokenError): DispatchFailure =>
  new DispatchFailure({ tag: "Token", value: { tag: kind } });

/** `Module { index, error: [errorIndex, 0, 0, 0] }`, as FRAME encodes a pallet error. */
export function moduleError(palletIndex: number, errorIndex: number): DispatchError {
  return { tag: "Module", value: { index: palletIndex, error: Uint8Array.of(errorIndex, 0, 0, 0) } };
}
