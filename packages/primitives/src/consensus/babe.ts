/**
 * BABE's byte formats (`sp_consensus_babe`): the pre-runtime digest every block carries, the
 * consensus logs the runtime deposits, and the epoch configuration. Encodings and indices are
 * Substrate's; `desc`s carry Substrate's type paths where the types reach metadata.
 */
import { BABE_ENGINE_ID } from "../digest.ts";
import { type Header, Header as HeaderCodec } from "../header.ts";
import { FixedBytes } from "../scale/bytes.ts";
import type { Codec } from "../scale/codec.ts";
import { Enum, type EnumValue, mapCodec, Tuple, Vec } from "../scale/composite.ts";
import { u32, u64 } from "../scale/ints.ts";
import { describedEnum, newtype, rustFields, rustStruct } from "./describe.ts";

/** `sp_consensus_slots::Slot`, a u64 newtype. */
export const Slot: Codec<bigint> = newtype(u64, ["sp_consensus_slots", "Slot"], "u64", "Slot");

const sr25519Public = newtype(
  FixedBytes(32),
  ["sp_core", "sr25519", "Public"],
  "[u8; 32]",
  "sr25519::Public",
);

/** `sp_consensus_babe::AuthorityId`: an sr25519 public key. */
export const BabeAuthorityId: Codec<Uint8Array> = newtype(
  sr25519Public,
  ["sp_consensus_babe", "app", "Public"],
  "sr25519::Public",
  "BabeAuthorityId",
);

/** `(AuthorityId, BabeAuthorityWeight)`, as in `NextEpochData` and the pallet's `Authorities`. */
export const BabeAuthority: Codec<[Uint8Array, bigint]> = Tuple(BabeAuthorityId, u64);

/** 32 bytes of epoch randomness (`sp_consensus_babe::Randomness`). */
export const BabeRandomness: Codec<Uint8Array> = FixedBytes(32, "BabeRandomness");

export interface BabeVrfSignature {
  /** `VrfPreOutput`: a compressed Ristretto point, 32 bytes. */
  preOutput: Uint8Array;
  /** `VrfProof`: the DLEQ proof (c ‖ s), 64 bytes. */
  proof: Uint8Array;
}

const vrfSignatureShape = { preOutput: FixedBytes(32, "VrfPreOutput"), proof: FixedBytes(64, "VrfProof") };

/** `sp_core::sr25519::vrf::VrfSignature`: pre-output then proof. */
export const BabeVrfSignature: Codec<BabeVrfSignature> = rustStruct(
  vrfSignatureShape,
  { preOutput: ["pre_output", "VrfPreOutput"], proof: ["proof", "VrfProof"] },
  ["sp_core", "sr25519", "vrf", "VrfSignature"],
  "VrfSignature",
);

const primaryShape = { authorityIndex: u32, slot: Slot, vrfSignature: BabeVrfSignature };
const primaryNames = {
  authorityIndex: ["authority_index", "super::AuthorityIndex"],
  slot: ["slot", "Slot"],
  vrfSignature: ["vrf_signature", "VrfSignature"],
} as const;
const plainShape = { authorityIndex: u32, slot: Slot };
const plainNames = { authorityIndex: primaryNames.authorityIndex, slot: primaryNames.slot } as const;

const digests = ["sp_consensus_babe", "digests"];

export const BabePrimaryPreDigest = rustStruct(
  primaryShape,
  primaryNames,
  [...digests, "PrimaryPreDigest"],
  "PrimaryPreDigest",
);
export const BabeSecondaryPlainPreDigest = rustStruct(
  plainShape,
  plainNames,
  [...digests, "SecondaryPlainPreDigest"],
  "SecondaryPlainPreDigest",
);
export const BabeSecondaryVrfPreDigest = rustStruct(
  primaryShape,
  primaryNames,
  [...digests, "SecondaryVRFPreDigest"],
  "SecondaryVRFPreDigest",
);

const preDigestVariants = {
  Primary: [1, BabePrimaryPreDigest],
  SecondaryPlain: [2, BabeSecondaryPlainPreDigest],
  SecondaryVRF: [3, BabeSecondaryVrfPreDigest],
} as const;

/** The BABE pre-runtime digest (engine `BABE`): which slot, which authority, and the VRF claim. */
export type BabePreDigest = EnumValue<typeof preDigestVariants>;

export const BabePreDigest: Codec<BabePreDigest> = describedEnum(
  Enum(preDigestVariants, "PreDigest"),
  [...digests, "PreDigest"],
  [
    {
      name: "Primary",
      index: 1,
      fields: [{ type: BabePrimaryPreDigest.desc, typeName: "PrimaryPreDigest" }],
    },
    {
      name: "SecondaryPlain",
      index: 2,
      fields: [{ type: BabeSecondaryPlainPreDigest.desc, typeName: "SecondaryPlainPreDigest" }],
    },
    {
      name: "SecondaryVRF",
      index: 3,
      fields: [{ type: BabeSecondaryVrfPreDigest.desc, typeName: "SecondaryVRFPreDigest" }],
    },
  ],
  "PreDigest",
);

/** `PreDigest::added_weight`: primary blocks weigh 1 in fork choice, secondary ones 0. */
export const babePreDigestWeight = (digest: BabePreDigest): number => (digest.tag === "Primary" ? 1 : 0);

const allowedSlotsVariants = {
  PrimarySlots: [0],
  PrimaryAndSecondaryPlainSlots: [1],
  PrimaryAndSecondaryVRFSlots: [2],
} as const;

/** Which slot claims an epoch accepts (`sp_consensus_babe::AllowedSlots`). */
export type BabeAllowedSlots = EnumValue<typeof allowedSlotsVariants>["tag"];

const allowedSlotsEnum = Enum(allowedSlotsVariants, "AllowedSlots");

export const BabeAllowedSlots: Codec<BabeAllowedSlots> = describedEnum(
  mapCodec(
    allowedSlotsEnum,
    (v): BabeAllowedSlots => v.tag,
    (tag) => ({ tag }),
    "AllowedSlots",
  ),
  ["sp_consensus_babe", "AllowedSlots"],
  Object.entries(allowedSlotsVariants).map(([name, [index]]) => ({ name, index, fields: [] })),
  "AllowedSlots",
);

const cCodec = Tuple(u64, u64);
const epochConfigShape = { c: cCodec, allowedSlots: BabeAllowedSlots };
const epochConfigNames = { c: ["c", "(u64, u64)"], allowedSlots: ["allowed_slots", "AllowedSlots"] } as const;

export interface BabeEpochConfiguration {
  /** The primary-slot probability c = c[0] / c[1]. */
  c: [bigint, bigint];
  allowedSlots: BabeAllowedSlots;
}

/** `sp_consensus_babe::BabeEpochConfiguration` (Kusama: c = (1, 4), PrimaryAndSecondaryVRFSlots). */
export const BabeEpochConfiguration: Codec<BabeEpochConfiguration> = rustStruct(
  epochConfigShape,
  epochConfigNames,
  ["sp_consensus_babe", "BabeEpochConfiguration"],
  "BabeEpochConfiguration",
);

const nextConfigEnum = Enum({ V1: [1, BabeEpochConfiguration] } as const, "NextConfigDescriptor");

/** `NextConfigDescriptor::V1 { c, allowed_slots }`, the only version. */
export type BabeNextConfigDescriptor = { tag: "V1"; value: BabeEpochConfiguration };

export const BabeNextConfigDescriptor: Codec<BabeNextConfigDescriptor> = describedEnum(
  nextConfigEnum,
  [...digests, "NextConfigDescriptor"],
  [{ name: "V1", index: 1, fields: rustFields(epochConfigShape, epochConfigNames) }],
  "NextConfigDescriptor",
);

export interface BabeNextEpochDescriptor {
  /** The next epoch's authorities with their weights. */
  authorities: Array<[Uint8Array, bigint]>;
  randomness: Uint8Array;
}

/** `NextEpochDescriptor` (no TypeInfo in Substrate: it appears only inside digests). */
export const BabeNextEpochDescriptor: Codec<BabeNextEpochDescriptor> = rustStruct(
  { authorities: Vec(BabeAuthority, "NextEpochDescriptor.authorities"), randomness: BabeRandomness },
  {
    authorities: ["authorities", "Vec<(AuthorityId, BabeAuthorityWeight)>"],
    randomness: ["randomness", "Randomness"],
  },
  [...digests, "NextEpochDescriptor"],
  "NextEpochDescriptor",
);

const consensusLogVariants = {
  NextEpochData: [1, BabeNextEpochDescriptor],
  OnDisabled: [2, u32],
  NextConfigData: [3, BabeNextConfigDescriptor],
} as const;

/** A BABE consensus digest (engine `BABE`) the runtime deposits. */
export type BabeConsensusLog = EnumValue<typeof consensusLogVariants>;

export const BabeConsensusLog: Codec<BabeConsensusLog> = describedEnum(
  Enum(consensusLogVariants, "BabeConsensusLog"),
  ["sp_consensus_babe", "ConsensusLog"],
  [
    {
      name: "NextEpochData",
      index: 1,
      fields: [{ type: BabeNextEpochDescriptor.desc, typeName: "NextEpochDescriptor" }],
    },
    { name: "OnDisabled", index: 2, fields: [{ type: u32.desc, typeName: "AuthorityIndex" }] },
    {
      name: "NextConfigData",
      index: 3,
      fields: [{ type: BabeNextConfigDescriptor.desc, typeName: "NextConfigDescriptor" }],
    },
  ],
  "BabeConsensusLog",
);

/** `sp_consensus_slots::EquivocationProof<Header, AuthorityId>`: two headers one author sealed in one slot. */
export interface BabeEquivocationProof {
  offender: Uint8Array;
  slot: bigint;
  firstHeader: Header;
  secondHeader: Header;
}

export const BabeEquivocationProof: Codec<BabeEquivocationProof> = rustStruct(
  { offender: BabeAuthorityId, slot: Slot, firstHeader: HeaderCodec, secondHeader: HeaderCodec },
  {
    offender: ["offender", "Id"],
    slot: ["slot", "Slot"],
    firstHeader: ["first_header", "Header"],
    secondHeader: ["second_header", "Header"],
  },
  ["sp_consensus_slots", "EquivocationProof"],
  "EquivocationProof",
);

/**
 * Every BABE pre-runtime digest of a header, decoded (a valid header has exactly one; the host
 * refuses others, the runtime reads the first). A malformed one throws a DecodeError.
 */
export function babePreDigests(header: Header): BabePreDigest[] {
  const out: BabePreDigest[] = [];
  for (const item of header.digest) {
    if (item.tag === "PreRuntime" && sameEngine(item.value.engine, BABE_ENGINE_ID))
      out.push(BabePreDigest.dec(item.value.data));
  }
  return out;
}

function sameEngine(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === 4 && a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

/** `sp_consensus_babe::BabeConfiguration`: what `BabeApi_configuration` answers (the genesis epoch's setup). */
export interface BabeConfiguration {
  slotDuration: bigint;
  epochLength: bigint;
  c: [bigint, bigint];
  authorities: Array<[Uint8Array, bigint]>;
  randomness: Uint8Array;
  allowedSlots: BabeAllowedSlots;
}

export const BabeConfiguration: Codec<BabeConfiguration> = rustStruct(
  {
    slotDuration: u64,
    epochLength: u64,
    c: cCodec,
    authorities: Vec(BabeAuthority, "BabeConfiguration.authorities"),
    randomness: BabeRandomness,
    allowedSlots: BabeAllowedSlots,
  },
  {
    slotDuration: ["slot_duration", "u64"],
    epochLength: ["epoch_length", "u64"],
    c: ["c", "(u64, u64)"],
    authorities: ["authorities", "Vec<(AuthorityId, BabeAuthorityWeight)>"],
    randomness: ["randomness", "Randomness"],
    allowedSlots: ["allowed_slots", "AllowedSlots"],
  },
  ["sp_consensus_babe", "BabeConfiguration"],
  "BabeConfiguration",
);

/** `sp_consensus_babe::Epoch`: what `BabeApi_current_epoch` and `BabeApi_next_epoch` answer. */
export interface BabeEpoch {
  epochIndex: bigint;
  startSlot: bigint;
  duration: bigint;
  authorities: Array<[Uint8Array, bigint]>;
  randomness: Uint8Array;
  config: BabeEpochConfiguration;
}

export const BabeEpoch: Codec<BabeEpoch> = rustStruct(
  {
    epochIndex: u64,
    startSlot: Slot,
    duration: u64,
    authorities: Vec(BabeAuthority, "Epoch.authorities"),
    randomness: BabeRandomness,
    config: BabeEpochConfiguration,
  },
  {
    epochIndex: ["epoch_index", "u64"],
    startSlot: ["start_slot", "Slot"],
    duration: ["duration", "u64"],
    authorities: ["authorities", "Vec<(AuthorityId, BabeAuthorityWeight)>"],
    randomness: ["randomness", "Randomness"],
    config: ["config", "BabeEpochConfiguration"],
  },
  ["sp_consensus_babe", "Epoch"],
  "Epoch",
);
