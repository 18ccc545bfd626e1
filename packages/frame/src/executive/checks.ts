/**
 * The checks behind the signed extensions (systemExtensions.ts): signature, mortality, nonce,
 * weight and priority. Spec/tx version, genesis, birth block and metadata hash are "additional
 * signed": they enter the signing payload, so a transaction signed for another chain, version or
 * fork fails its signature check with `BadProof`.
 */
import {
  type AccountId32,
  blake2_256,
  bytesEqual,
  type Era,
  type ExtensionSet,
  eraBirth,
  eraDeath,
  type MultiSignature,
  payloadToSign,
  signingPayload,
} from "@canary/primitives";
import { host } from "../context.ts";
import {
  addWeight,
  type DispatchClass,
  type DispatchInfo,
  minBig,
  type Weight,
  weightFits,
} from "../weights.ts";
import type { ExecutiveSystem } from "./interfaces.ts";
import type { BlockLimits } from "./limits.ts";
import { invalid } from "./transactionValidity.ts";

const U64_MAX = (1n << 64n) - 1n;

/** `CheckMortality`'s additional signed data: the hash of the era's birth block. */
export function birthHash(system: ExecutiveSystem, era: Era, current: number): Uint8Array {
  if (era.tag === "Immortal") return genesisHash(system);
  const hash = system.blockHash(eraBirth(era, current));
  if (!hash) throw invalid({ tag: "AncientBirthBlock" });
  return hash;
}

export function genesisHash(system: ExecutiveSystem): Uint8Array {
  return system.blockHash(0) ?? new Uint8Array(32);
}

/** Blocks the transaction stays valid for (`CheckMortality` longevity). */
export function longevity(era: Era, current: number): bigint {
  const death = eraDeath(era, current);
  if (death === undefined) return U64_MAX;
  return death > current ? BigInt(death - current) : 0n;
}

/** Verifies the signature over the payload built with this chain's additional signed data. */
export function checkSignature<X, A>(
  who: AccountId32,
  signature: MultiSignature,
  payload: { call: Uint8Array; extra: X; additional: A },
  set: ExtensionSet<X, A>,
): void {
  const message = payloadToSign(signingPayload(payload, set));
  const h = host();
  let ok: boolean;
  if (signature.tag === "Sr25519") ok = h.sr25519Verify(signature.value, message, who);
  else if (signature.tag === "Ed25519") ok = h.ed25519Verify(signature.value, message, who);
  else {
    // An ecdsa account is the blake2_256 of its compressed public key.
    const key = h.secp256k1RecoverCompressed(signature.value, blake2_256(message));
    ok = key !== undefined && bytesEqual(blake2_256(key), who);
  }
  if (!ok) throw invalid({ tag: "BadProof" });
}

/** `CheckNonce`: the pool's tags, and the exact-nonce rule for inclusion. */
export function checkNonce(
  system: ExecutiveSystem,
  who: AccountId32,
  nonce: number,
  mode: "validate" | "apply",
): { provides: Uint8Array[]; requires: Uint8Array[] } {
  if (!system.accountExists(who)) throw invalid({ tag: "Payment" }, "the sender account does not exist");
  const expected = system.accountNonce(who);
  if (nonce < expected) throw invalid({ tag: "Stale" });
  if (mode === "apply" && nonce > expected) throw invalid({ tag: "Future" });
  const tag = (n: number) => {
    const out = new Uint8Array(36);
    out.set(who, 0);
    out[32] = n & 0xff;
    out[33] = (n >>> 8) & 0xff;
    out[34] = (n >>> 16) & 0xff;
    out[35] = n >>> 24;
    return out;
  };
  return { provides: [tag(nonce)], requires: nonce > expected ? [tag(nonce - 1)] : [] };
}

/**
 * `CheckWeight`: the extrinsic (with its class's base weight) must fit its class's per-extrinsic
 * and per-block limits, the block's total (beyond which only a class's reserve may go), and the
 * class's length limit. Returns the block's new per-class weight and length.
 */
export function checkWeight(
  limits: BlockLimits,
  used: Record<DispatchClass, Weight>,
  usedLen: number,
  info: DispatchInfo,
  len: number,
): { weight: Record<DispatchClass, Weight>; len: number } {
  const cls = limits.perClass[info.class];
  const extrinsicWeight = addWeight(info.weight, cls.baseExtrinsic);
  const exhausted = () => invalid({ tag: "ExhaustsResources" });
  if (info.class !== "Mandatory" && cls.maxExtrinsic && !weightFits(extrinsicWeight, cls.maxExtrinsic)) {
    throw exhausted();
  }
  const perClass = addWeight(used[info.class], extrinsicWeight);
  if (info.class !== "Mandatory") {
    if (cls.maxTotal && !weightFits(perClass, cls.maxTotal)) throw exhausted();
    const total = addWeight(
      addWeight(addWeight(used.Normal, used.Operational), used.Mandatory),
      extrinsicWeight,
    );
    if (!weightFits(total, limits.maxBlock) && cls.reserved && !weightFits(perClass, cls.reserved))
      throw exhausted();
    if (usedLen + len > limits.maxLength[info.class]) throw exhausted();
  }
  return { weight: { ...used, [info.class]: perClass }, len: usedLen + len };
}

/** `ChargeTransactionPayment`'s priority: the tip (and for Operational, a virtual tip) scaled by how many such transactions fit a block. */
export function priority(
  limits: BlockLimits,
  info: DispatchInfo,
  len: number,
  tip: bigint,
  fee: bigint,
  operationalFeeMultiplier: bigint,
): bigint {
  const bounded = (v: bigint, max: bigint) => (v < 1n ? 1n : v > max ? max : v);
  const perWeight = (max: bigint, used: bigint) => max / bounded(used, max);
  const byRefTime = perWeight(limits.maxBlock.refTime, info.weight.refTime);
  const byProof = perWeight(limits.maxBlock.proofSize, info.weight.proofSize);
  const maxLen = BigInt(limits.maxLength[info.class]);
  const byLength = maxLen / bounded(BigInt(len), maxLen);
  const perBlock = minBig(minBig(byRefTime, byProof), byLength);
  let value = (tip + 1n) * perBlock;
  if (info.class === "Operational") value += fee * operationalFeeMultiplier * perBlock;
  return value > U64_MAX ? U64_MAX : value;
}
