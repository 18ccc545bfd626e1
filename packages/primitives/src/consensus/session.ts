/**
 * `sp_session::MembershipProof`: that a key belonged to a validator of a session, as a trie proof
 * against the root Historical keeps for that session. Equivocation reports carry it (the runtime
 * APIs' `OpaqueKeyOwnershipProof` is its SCALE bytes).
 */
import { Bytes } from "../scale/bytes.ts";
import type { Codec } from "../scale/codec.ts";
import { Vec } from "../scale/composite.ts";
import { u32 } from "../scale/ints.ts";
import { rustStruct } from "./describe.ts";

export interface MembershipProof {
  session: number;
  trieNodes: Uint8Array[];
  validatorCount: number;
}

export const MembershipProof: Codec<MembershipProof> = rustStruct(
  { session: u32, trieNodes: Vec(Bytes), validatorCount: u32 },
  {
    session: ["session", "SessionIndex"],
    trieNodes: ["trie_nodes", "Vec<Vec<u8>>"],
    validatorCount: ["validator_count", "ValidatorCount"],
  },
  ["sp_session", "MembershipProof"],
  "MembershipProof",
);
