/**
 * BABE's types, with Substrate's type paths and byte layouts (reference/kusama-runtime.md §4.1,
 * light-client.md §3): authorities, the pre-runtime digest, epoch configuration and the consensus
 * log that announces the next epoch.
 */
import {
  Enum,
  type EnumValue,
  FixedBytes,
  Struct,
  Tuple,
  u32,
  u64,
  Vec,
  withIdentity,
} from "@canary/primitives";

export const AuthorityId = FixedBytes(32, "BABE AuthorityId");
/** `(AuthorityId, BabeAuthorityWeight)`; every Kusama validator weighs 1. */
export const Authority = Tuple(AuthorityId, u64);
export type Authority = [Uint8Array, bigint];
export const Randomness = FixedBytes(32, "BABE Randomness");

const slotsVariants = {
  PrimarySlots: [0],
  PrimaryAndSecondaryPlainSlots: [1],
  PrimaryAndSecondaryVRFSlots: [2],
} as const;
export const AllowedSlots = withIdentity(Enum(slotsVariants, "AllowedSlots"), {
  path: ["sp_consensus_babe", "AllowedSlots"],
});
export type AllowedSlots = EnumValue<typeof slotsVariants>["tag"];

/** `c = (numerator, denominator)`: the probability that a slot has a primary claimant. */
export const BabeEpochConfiguration = withIdentity(
  Struct({ c: Tuple(u64, u64), allowed_slots: AllowedSlots }, "BabeEpochConfiguration"),
  { path: ["sp_consensus_babe", "BabeEpochConfiguration"] },
);
export interface BabeEpochConfiguration {
  c: [bigint, bigint];
  allowed_slots: { tag: AllowedSlots };
}

export const NextConfigDescriptor = withIdentity(
  Enum({ V1: [1, BabeEpochConfiguration] } as const, "NextConfigDescriptor"),
  { path: ["sp_consensus_babe", "digests", "NextConfigDescriptor"] },
);

const VrfSignature = Struct({ pre_output: FixedBytes(32), proof: FixedBytes(64) }, "VrfSignature");
const PrimaryClaim = Struct(
  { authority_index: u32, slot: u64, vrf_signature: VrfSignature },
  "PrimaryPreDigest",
);
const preDigestVariants = {
  Primary: [1, PrimaryClaim],
  SecondaryPlain: [2, Struct({ authority_index: u32, slot: u64 }, "SecondaryPlainPreDigest")],
  SecondaryVRF: [3, PrimaryClaim],
} as const;
/** The author's claim in the pre-runtime digest (engine `BABE`). */
export const PreDigest = withIdentity(Enum(preDigestVariants, "PreDigest"), {
  path: ["sp_consensus_babe", "digests", "PreDigest"],
});
export type PreDigest = EnumValue<typeof preDigestVariants>;

/** BABE's consensus log (engine `BABE`): the next epoch's data, a disabled authority, the next config. */
export const ConsensusLog = Enum(
  {
    NextEpochData: [
      1,
      Struct({ authorities: Vec(Authority), randomness: Randomness }, "NextEpochDescriptor"),
    ],
    OnDisabled: [2, u32],
    NextConfigData: [3, NextConfigDescriptor],
  } as const,
  "BABE ConsensusLog",
);
export type ConsensusLog = ReturnType<typeof ConsensusLog.dec>;

/** An epoch as `BabeApi_current_epoch` describes it. */
export interface Epoch {
  epoch_index: bigint;
  start_slot: bigint;
  duration: bigint;
  authorities: Authority[];
  randomness: Uint8Array;
  config: BabeEpochConfiguration;
}

/** Kusama's genesis epoch configuration: c = 1/4, primary and secondary VRF slots. */
export const KUSAMA_EPOCH_CONFIG: BabeEpochConfiguration = {
  c: [1n, 4n],
  allowed_slots: { tag: "PrimaryAndSecondaryVRFSlots" },
};
