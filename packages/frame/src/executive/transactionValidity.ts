/**
 * Transaction validity, as `sp_runtime::transaction_validity`: what the pool learns from
 * `TaggedTransactionQueue_validate_transaction`, and the errors `apply_extrinsic` returns for a
 * transaction that cannot be included at all (ecosystem.md §3, "Runtime API ids and calls").
 */
import {
  Bytes,
  bool,
  CanaryError,
  Enum,
  type EnumValue,
  Result,
  Struct,
  u8,
  u64,
  Vec,
  withIdentity,
} from "@canary/primitives";
import { minBig } from "../weights.ts";

const invalidVariants = {
  Call: [0],
  Payment: [1],
  Future: [2],
  Stale: [3],
  BadProof: [4],
  AncientBirthBlock: [5],
  ExhaustsResources: [6],
  Custom: [7, u8],
  BadMandatory: [8],
  MandatoryValidation: [9],
  BadSigner: [10],
} as const;
export const InvalidTransactionCodec = withIdentity(Enum(invalidVariants, "InvalidTransaction"), {
  path: ["sp_runtime", "transaction_validity", "InvalidTransaction"],
});
export type InvalidTransaction = EnumValue<typeof invalidVariants>;

const unknownVariants = { CannotLookup: [0], NoUnsignedValidator: [1], Custom: [2, u8] } as const;
export const UnknownTransactionCodec = withIdentity(Enum(unknownVariants, "UnknownTransaction"), {
  path: ["sp_runtime", "transaction_validity", "UnknownTransaction"],
});
export type UnknownTransaction = EnumValue<typeof unknownVariants>;

const validityErrorVariants = {
  Invalid: [0, InvalidTransactionCodec],
  Unknown: [1, UnknownTransactionCodec],
} as const;
export const TransactionValidityErrorCodec = withIdentity(
  Enum(validityErrorVariants, "TransactionValidityError"),
  {
    path: ["sp_runtime", "transaction_validity", "TransactionValidityError"],
  },
);
export type TransactionValidityError = EnumValue<typeof validityErrorVariants>;

export const ValidTransactionCodec = withIdentity(
  Struct(
    { priority: u64, requires: Vec(Bytes), provides: Vec(Bytes), longevity: u64, propagate: bool },
    "ValidTransaction",
  ),
  { path: ["sp_runtime", "transaction_validity", "ValidTransaction"] },
);
export interface ValidTransaction {
  priority: bigint;
  requires: Uint8Array[];
  provides: Uint8Array[];
  longevity: bigint;
  propagate: boolean;
}

/** `TransactionValidity = Result<ValidTransaction, TransactionValidityError>`. */
export const TransactionValidityCodec = Result(ValidTransactionCodec, TransactionValidityErrorCodec);

const sourceVariants = { InBlock: [0], Local: [1], External: [2] } as const;
export const TransactionSourceCodec = withIdentity(Enum(sourceVariants, "TransactionSource"), {
  path: ["sp_runtime", "transaction_validity", "TransactionSource"],
});
export type TransactionSource = keyof typeof sourceVariants;

/** The most permissive validity, combined with each extension's by `combineValidity`. */
export const DEFAULT_VALIDITY: ValidTransaction = {
  priority: 0n,
  requires: [],
  provides: [],
  longevity: (1n << 64n) - 1n,
  propagate: true,
};

/** FRAME's `ValidTransaction::combine_with`: priorities add (saturating), tags join, longevity is the minimum. */
export function combineValidity(a: ValidTransaction, b: ValidTransaction): ValidTransaction {
  const max = (1n << 64n) - 1n;
  const priority = a.priority + b.priority;
  return {
    priority: priority > max ? max : priority,
    requires: [...a.requires, ...b.requires],
    provides: [...a.provides, ...b.provides],
    longevity: minBig(a.longevity, b.longevity),
    propagate: a.propagate && b.propagate,
  };
}

/** Thrown by validation code; the executive turns it into the encoded `TransactionValidityError`. */
export class TransactionRejected extends CanaryError {
  readonly error: TransactionValidityError;

  constructor(error: TransactionValidityError, detail?: string) {
    const what = `${error.tag}(${error.value.tag})`;
    super("TRANSACTION_INVALID", detail ?? `transaction rejected: ${what}`);
    this.error = error;
  }
}

export const invalid = (kind: InvalidTransaction, detail?: string): TransactionRejected =>
  new TransactionRejected({ tag: "Invalid", value: kind }, detail);
export const unknown = (kind: UnknownTransaction, detail?: string): TransactionRejected =>
  new TransactionRejected({ tag: "Unknown", value: kind }, detail);
