/** Weights (Substrate's two-dimensional `Weight`), dispatch classes and dispatch info. */
import {
  type Codec,
  compactU64,
  Enum,
  type EnumValue,
  mapCodec,
  Struct,
  withIdentity,
} from "@canary/primitives";

export interface Weight {
  refTime: bigint;
  proofSize: bigint;
}

/** Encoded as Substrate's `Weight { ref_time: Compact<u64>, proof_size: Compact<u64> }`. */
export const Weight: Codec<Weight> = withIdentity(
  mapCodec(
    Struct({ ref_time: compactU64, proof_size: compactU64 }, "Weight"),
    (s) => ({ refTime: s.ref_time, proofSize: s.proof_size }),
    (w) => ({ ref_time: w.refTime, proof_size: w.proofSize }),
    "Weight",
  ),
  { path: ["sp_weights", "weight_v2", "Weight"] },
);

export const ZERO_WEIGHT: Weight = { refTime: 0n, proofSize: 0n };

export function weight(refTime: bigint, proofSize = 0n): Weight {
  return { refTime, proofSize };
}

export function addWeight(a: Weight, b: Weight): Weight {
  return { refTime: a.refTime + b.refTime, proofSize: a.proofSize + b.proofSize };
}

/** The smaller bigint (Math.min does not take bigints). */
export function minBig(a: bigint, b: bigint): bigint {
  if (a < b) return a;
  return b;
}

/** The larger bigint. */
export function maxBig(a: bigint, b: bigint): bigint {
  if (a > b) return a;
  return b;
}

export function minWeight(a: Weight, b: Weight): Weight {
  return { refTime: minBig(a.refTime, b.refTime), proofSize: minBig(a.proofSize, b.proofSize) };
}

/** True when `a` fits within `b` in both dimensions. */
export function weightFits(a: Weight, b: Weight): boolean {
  return a.refTime <= b.refTime && a.proofSize <= b.proofSize;
}

export type DispatchClass = "Normal" | "Operational" | "Mandatory";
export const DISPATCH_CLASSES: readonly DispatchClass[] = ["Normal", "Operational", "Mandatory"];

const dispatchClassVariants = { Normal: [0], Operational: [1], Mandatory: [2] } as const;
export const DispatchClassCodec = withIdentity(Enum(dispatchClassVariants, "DispatchClass"), {
  path: ["frame_support", "dispatch", "DispatchClass"],
});
export type DispatchClassValue = EnumValue<typeof dispatchClassVariants>;

export type Pays = "Yes" | "No";
export const PaysCodec = withIdentity(Enum({ Yes: [0], No: [1] } as const, "Pays"), {
  path: ["frame_support", "dispatch", "Pays"],
});

export interface DispatchInfo {
  weight: Weight;
  class: DispatchClass;
  paysFee: Pays;
}

/** What a call reports after it ran: the weight it really used, if less than declared, and whether it pays. */
export interface PostDispatchInfo {
  actualWeight?: Weight;
  paysFee: Pays;
}

export const DispatchInfoCodec = withIdentity(
  Struct({ weight: Weight, class: DispatchClassCodec, pays_fee: PaysCodec }, "DispatchInfo"),
  { path: ["frame_support", "dispatch", "DispatchInfo"] },
);

export function encodeDispatchInfo(info: DispatchInfo): Uint8Array {
  return DispatchInfoCodec.enc({
    weight: info.weight,
    class: { tag: info.class },
    pays_fee: { tag: info.paysFee },
  });
}

/** The weight charged after dispatch: the actual weight when reported, never more than declared. */
export function actualWeight(info: DispatchInfo, post: PostDispatchInfo): Weight {
  return post.actualWeight ? minWeight(post.actualWeight, info.weight) : info.weight;
}
