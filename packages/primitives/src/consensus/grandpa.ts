/**
 * GRANDPA's byte formats (`finality_grandpa`, `sp_consensus_grandpa`) for a chain with u32 block
 * numbers and H256 hashes: votes, the signed-vote payload, commits, justifications, the consensus
 * logs the runtime deposits (engine `FRNK`), and equivocation proofs.
 */
import { Hash256, type Header, Header as HeaderCodec } from "../header.ts";
import { FixedBytes } from "../scale/bytes.ts";
import { type Codec, withIdentity } from "../scale/codec.ts";
import { Enum, type EnumValue, Tuple, Vec } from "../scale/composite.ts";
import { u32, u64 } from "../scale/ints.ts";
import { describedEnum, newtype, rustStruct } from "./describe.ts";

const ed25519Public = newtype(
  FixedBytes(32),
  ["sp_core", "ed25519", "Public"],
  "[u8; 32]",
  "ed25519::Public",
);
const ed25519Signature = newtype(
  FixedBytes(64),
  ["sp_core", "ed25519", "Signature"],
  "[u8; 64]",
  "ed25519::Signature",
);

/** `sp_consensus_grandpa::AuthorityId`: an ed25519 public key. */
export const GrandpaAuthorityId: Codec<Uint8Array> = newtype(
  ed25519Public,
  ["sp_consensus_grandpa", "app", "Public"],
  "ed25519::Public",
  "GrandpaAuthorityId",
);

/** `sp_consensus_grandpa::AuthoritySignature`: an ed25519 signature. */
export const GrandpaSignature: Codec<Uint8Array> = newtype(
  ed25519Signature,
  ["sp_consensus_grandpa", "app", "Signature"],
  "ed25519::Signature",
  "GrandpaSignature",
);

/** `AuthorityList`: `Vec<(AuthorityId, AuthorityWeight)>`. */
export const GrandpaAuthorityList: Codec<Array<[Uint8Array, bigint]>> = Vec(
  Tuple(GrandpaAuthorityId, u64),
  "AuthorityList",
);

/** A vote's target: the block hash and its number. */
export interface GrandpaTarget {
  targetHash: Uint8Array;
  targetNumber: number;
}

const targetShape = { targetHash: Hash256, targetNumber: u32 };
const targetNames = { targetHash: ["target_hash", "H"], targetNumber: ["target_number", "N"] } as const;
const hnParams = [
  { name: "H", type: Hash256.desc },
  { name: "N", type: u32.desc },
];

const vote = (name: string): Codec<GrandpaTarget> =>
  rustStruct(targetShape, targetNames, ["finality_grandpa", name], name, hnParams);

export const GrandpaPrevote: Codec<GrandpaTarget> = vote("Prevote");
export const GrandpaPrecommit: Codec<GrandpaTarget> = vote("Precommit");
export const GrandpaPrimaryPropose: Codec<GrandpaTarget> = vote("PrimaryPropose");

const messageVariants = {
  Prevote: [0, GrandpaPrevote],
  Precommit: [1, GrandpaPrecommit],
  PrimaryPropose: [2, GrandpaPrimaryPropose],
} as const;

/** `finality_grandpa::Message`: what a voter signs in a round. */
export type GrandpaMessage = EnumValue<typeof messageVariants>;

export const GrandpaMessage: Codec<GrandpaMessage> = describedEnum(
  Enum(messageVariants, "GrandpaMessage"),
  ["finality_grandpa", "Message"],
  Object.entries(messageVariants).map(([name, [index, codec]]) => ({
    name,
    index,
    fields: [{ type: codec.desc, typeName: `${name}<H, N>` }],
  })),
  "GrandpaMessage",
);

const payloadCodec = Tuple(GrandpaMessage, u64, u64);

/**
 * The bytes a voter signs: `SCALE((message, round, set_id))` (`sp_consensus_grandpa::localized_payload`).
 * For a precommit: `01 ‖ hash ‖ number u32 LE ‖ round u64 LE ‖ set_id u64 LE`.
 */
export const grandpaVotePayload = (message: GrandpaMessage, round: bigint, setId: bigint): Uint8Array =>
  payloadCodec.enc([message, round, setId]);

export interface GrandpaSignedMessage {
  message: GrandpaMessage;
  signature: Uint8Array;
  id: Uint8Array;
}

/** `finality_grandpa::SignedMessage`, as gossiped in vote messages. */
export const GrandpaSignedMessage: Codec<GrandpaSignedMessage> = rustStruct(
  { message: GrandpaMessage, signature: GrandpaSignature, id: GrandpaAuthorityId },
  { message: ["message", "Message<H, N>"], signature: ["signature", "S"], id: ["id", "Id"] },
  ["finality_grandpa", "SignedMessage"],
  "SignedMessage",
);

export interface GrandpaSignedPrecommit {
  precommit: GrandpaTarget;
  signature: Uint8Array;
  id: Uint8Array;
}

export const GrandpaSignedPrecommit: Codec<GrandpaSignedPrecommit> = rustStruct(
  { precommit: GrandpaPrecommit, signature: GrandpaSignature, id: GrandpaAuthorityId },
  { precommit: ["precommit", "Precommit<H, N>"], signature: ["signature", "S"], id: ["id", "Id"] },
  ["finality_grandpa", "SignedPrecommit"],
  "SignedPrecommit",
);

export interface GrandpaCommit extends GrandpaTarget {
  precommits: GrandpaSignedPrecommit[];
}

export const GrandpaCommit: Codec<GrandpaCommit> = rustStruct(
  { ...targetShape, precommits: Vec(GrandpaSignedPrecommit, "Commit.precommits") },
  { ...targetNames, precommits: ["precommits", "Vec<SignedPrecommit<H, N, S, Id>>"] },
  ["finality_grandpa", "Commit"],
  "Commit",
);

export interface GrandpaJustification {
  round: bigint;
  commit: GrandpaCommit;
  /** Headers linking every precommit target to the commit target, and no others. */
  votesAncestries: Header[];
}

/** `sp_consensus_grandpa::GrandpaJustification`, the `FRNK` justification blocks carry. */
export const GrandpaJustification: Codec<GrandpaJustification> = rustStruct(
  {
    round: u64,
    commit: GrandpaCommit,
    votesAncestries: Vec(HeaderCodec, "GrandpaJustification.votes_ancestries"),
  },
  {
    round: ["round", "u64"],
    commit: ["commit", "Commit<Header>"],
    votesAncestries: ["votes_ancestries", "Vec<Header>"],
  },
  ["sp_consensus_grandpa", "GrandpaJustification"],
  "GrandpaJustification",
);

export interface GrandpaScheduledChange {
  nextAuthorities: Array<[Uint8Array, bigint]>;
  delay: number;
}

export const GrandpaScheduledChange: Codec<GrandpaScheduledChange> = rustStruct(
  { nextAuthorities: GrandpaAuthorityList, delay: u32 },
  { nextAuthorities: ["next_authorities", "AuthorityList"], delay: ["delay", "N"] },
  ["sp_consensus_grandpa", "ScheduledChange"],
  "ScheduledChange",
);

const consensusLogVariants = {
  ScheduledChange: [1, GrandpaScheduledChange],
  ForcedChange: [2, Tuple(u32, GrandpaScheduledChange)],
  OnDisabled: [3, u64],
  Pause: [4, u32],
  Resume: [5, u32],
} as const;

/** A GRANDPA consensus digest (engine `FRNK`). ForcedChange carries (median last finalized, change). */
export type GrandpaConsensusLog = EnumValue<typeof consensusLogVariants>;

export const GrandpaConsensusLog: Codec<GrandpaConsensusLog> = describedEnum(
  Enum(consensusLogVariants, "GrandpaConsensusLog"),
  ["sp_consensus_grandpa", "ConsensusLog"],
  [
    {
      name: "ScheduledChange",
      index: 1,
      fields: [{ type: GrandpaScheduledChange.desc, typeName: "ScheduledChange<N>" }],
    },
    {
      name: "ForcedChange",
      index: 2,
      fields: [
        { type: u32.desc, typeName: "N" },
        { type: GrandpaScheduledChange.desc, typeName: "ScheduledChange<N>" },
      ],
    },
    { name: "OnDisabled", index: 3, fields: [{ type: u64.desc, typeName: "AuthorityIndex" }] },
    { name: "Pause", index: 4, fields: [{ type: u32.desc, typeName: "N" }] },
    { name: "Resume", index: 5, fields: [{ type: u32.desc, typeName: "N" }] },
  ],
  "GrandpaConsensusLog",
);

export interface GrandpaEquivocation {
  roundNumber: bigint;
  identity: Uint8Array;
  first: [GrandpaTarget, Uint8Array];
  second: [GrandpaTarget, Uint8Array];
}

const equivocation = (voteCodec: Codec<GrandpaTarget>, kind: string): Codec<GrandpaEquivocation> =>
  rustStruct(
    {
      roundNumber: u64,
      identity: GrandpaAuthorityId,
      first: Tuple(voteCodec, GrandpaSignature),
      second: Tuple(voteCodec, GrandpaSignature),
    },
    {
      roundNumber: ["round_number", "u64"],
      identity: ["identity", "Id"],
      first: ["first", "(V, S)"],
      second: ["second", "(V, S)"],
    },
    ["finality_grandpa", "Equivocation"],
    `Equivocation<${kind}>`,
  );

const equivocationVariants = {
  Prevote: [0, equivocation(GrandpaPrevote, "Prevote")],
  Precommit: [1, equivocation(GrandpaPrecommit, "Precommit")],
} as const;

/** Two different votes of one kind by one voter in one round (`sp_consensus_grandpa::Equivocation`). */
export type GrandpaEquivocationKind = EnumValue<typeof equivocationVariants>;

export const GrandpaEquivocationKind: Codec<GrandpaEquivocationKind> = withIdentity(
  Enum(equivocationVariants, "Equivocation"),
  {
    path: ["sp_consensus_grandpa", "Equivocation"],
  },
);

export interface GrandpaEquivocationProof {
  setId: bigint;
  equivocation: GrandpaEquivocationKind;
}

/** `sp_consensus_grandpa::EquivocationProof`, the argument of `Grandpa::report_equivocation`. */
export const GrandpaEquivocationProof: Codec<GrandpaEquivocationProof> = rustStruct(
  { setId: u64, equivocation: GrandpaEquivocationKind },
  { setId: ["set_id", "SetId"], equivocation: ["equivocation", "Equivocation<H, N>"] },
  ["sp_consensus_grandpa", "EquivocationProof"],
  "EquivocationProof",
);
