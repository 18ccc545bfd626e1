/** Weights (Substrate's two-dimensional `Weight`), dispatch classes and dispatch info. */
import { compactU64, Enum, type EnumValue, Struct, withIdentity } from "@canary/primitives";

export interface Weight {
  refTime: bigint;
  proofSize: bigint;
}

export const Weight = withIdentity(Struct({ ref_time: compactU64, proof_size: compactU64 }, "Weight"), {
  path: ["sp_weights", "weight_v2", "Weight"],
});

export const ZERO_WEIGHT: Weight = { refTime: 0n, proofSize: 0n };

export function weight(refTime: bigint, proofSize = 0n): Weight {
  return { refTime, proofSize };
}

export function addWeight(a: Weight, b: Weight): Weight {
  return { refTime: a.refTime + b.refTime, proofSize: a.proofSize + b.proofSize };
}

export function minWeight(a: Weight, b: Weight): Weight {
  return {
    refTime: a.refTime < b.refTime ? a.refTime : b.refTime,
    proofSize: a.proofSize < b.proofSize ? a.proofSize : b.proofSize,
  };
}

/** True when `a` fits within `b` in both dimensions. */
export function weightFits(a: Weight, b: Weight): boolean {
  return a.refTime <= b.refTime && a.proofSize <= b.proofSize;
}

export function encodeWeight(w: Weight): Uint8Array {
  return Weight.enc({ ref_time: w.refTime, proof_size: w.proofSize });
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
    weight: { ref_time: info.weight.refTime, proof_size: info.weight.proofSize },
    class: { tag: info.class },
    pays_fee: { tag: info.paysFee },
  });
}

/** The weight charged after dispatch: the actual weight when reported, never more than declared. */
export function actualWeight(info: DispatchInfo, post: PostDispatchInfo): Weight {
  return post.actualWeight ? minWeight(post.actualWeight, info.weight) : info.weight;
}
