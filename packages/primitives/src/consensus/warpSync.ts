/**
 * The `/{genesis}/sync/warp` messages (`sc_consensus_grandpa::warp_proof`): a request names the
 * block to warp from; the proof is one fragment per authority-set change after it (the header that
 * enacts the change and its justification by the outgoing set), then, when it fits, the newest
 * justification. Layouts as smoldot's `codec/warp_sync.rs` decodes them.
 */
import { Header } from "../header.ts";
import { Struct, Vec } from "../scale/composite.ts";
import { bool } from "../scale/ints.ts";
import { GrandpaJustification } from "./grandpa.ts";

/** Substrate's `MAX_WARP_SYNC_PROOF_SIZE`: a proof is cut (is_finished false) before it exceeds 8 MiB. */
export const MAX_WARP_PROOF_SIZE = 8 * 1024 * 1024;

export const WarpSyncFragment = Struct(
  { header: Header, justification: GrandpaJustification },
  "WarpSyncFragment",
);

export const WarpSyncProof = Struct(
  { proofs: Vec(WarpSyncFragment, "WarpSyncProof.proofs"), isFinished: bool },
  "WarpSyncProof",
);
