/**
 * The notifications of the `/{genesis}/grandpa/1` protocol (`sc_consensus_grandpa`'s
 * `GossipMessage`): votes, compact commits, neighbor packets and catch-up. Network formats only:
 * they appear in no metadata. Layouts as smoldot's `codec/grandpa.rs` decodes them.
 */
import { Hash256 } from "../header.ts";
import { Bytes, FixedBytes } from "../scale/bytes.ts";
import type { Codec } from "../scale/codec.ts";
import { Enum, type EnumValue, Struct, Tuple, Vec } from "../scale/composite.ts";
import { u32, u64 } from "../scale/ints.ts";
import {
  GrandpaPrecommit,
  GrandpaPrevote,
  GrandpaSignedMessage,
  GrandpaSignedPrecommit,
  type GrandpaTarget,
} from "./grandpa.ts";

const signature = FixedBytes(64, "ed25519 signature");
const authorityId = FixedBytes(32, "ed25519 public key");

/** A signed vote of round `round` in set `setId`. */
export const GrandpaVoteMessage = Struct(
  { round: u64, setId: u64, message: GrandpaSignedMessage },
  "VoteMessage",
);

/** A commit with its signatures split off (`CompactCommit`): both lists have the same length. */
export const GrandpaCompactCommit = Struct(
  {
    targetHash: Hash256,
    targetNumber: u32,
    precommits: Vec(GrandpaPrecommit, "CompactCommit.precommits"),
    authData: Vec(Tuple(signature, authorityId), "CompactCommit.auth_data"),
  },
  "CompactCommit",
);

export const GrandpaFullCommitMessage = Struct(
  { round: u64, setId: u64, message: GrandpaCompactCommit },
  "FullCommitMessage",
);

/** What a peer tells its neighbours of its voter: round, set and the height its last commit finalized. */
export const GrandpaNeighborPacket = Struct(
  { round: u64, setId: u64, commitFinalizedHeight: u32 },
  "NeighborPacket",
);

const versionedNeighbor = Enum({ V1: [1, GrandpaNeighborPacket] } as const, "VersionedNeighborPacket");

export const GrandpaCatchUpRequest = Struct({ round: u64, setId: u64 }, "CatchUpRequestMessage");

const signedPrevote = Struct({ prevote: GrandpaPrevote, signature, id: authorityId }, "SignedPrevote");

/** A completed round's votes, enough for a peer behind to jump to it. */
export const GrandpaCatchUp = Struct(
  {
    roundNumber: u64,
    prevotes: Vec(signedPrevote, "CatchUp.prevotes"),
    precommits: Vec(GrandpaSignedPrecommit, "CatchUp.precommits"),
    baseHash: Hash256,
    baseNumber: u32,
  },
  "CatchUp",
);

export const GrandpaFullCatchUp = Struct({ setId: u64, message: GrandpaCatchUp }, "FullCatchUpMessage");

const gossipVariants = {
  Vote: [0, GrandpaVoteMessage],
  Commit: [1, GrandpaFullCommitMessage],
  Neighbor: [2, versionedNeighbor],
  CatchUpRequest: [3, GrandpaCatchUpRequest],
  CatchUp: [4, GrandpaFullCatchUp],
} as const;

/** One `grandpa/1` notification. */
export type GrandpaGossipMessage = EnumValue<typeof gossipVariants>;

export const GrandpaGossipMessage: Codec<GrandpaGossipMessage> = Enum(gossipVariants, "GrandpaGossipMessage");

export type GrandpaSignedPrevote = { prevote: GrandpaTarget; signature: Uint8Array; id: Uint8Array };

/**
 * `sp_runtime::Justifications`: `Vec<(ConsensusEngineId, EncodedJustification)>`, what a block
 * carries in the database and in `sync/2` field 8 (a GRANDPA one has engine `FRNK`).
 */
export const Justifications = Vec(Tuple(FixedBytes(4, "engine id"), Bytes), "Justifications");
