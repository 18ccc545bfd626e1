/**
 * The seam between the GRANDPA voter and the network that carries its messages. The voter
 * (rounds, votes, commits, catch-up answers, finality) knows peers only by id and messages only
 * as decoded `GrandpaGossipMessage`s; the gossip layer (the `/{genesis}/grandpa/1` protocol over
 * libp2p, or the simulator's transport) decodes, checks windows and signatures, keeps each peer's
 * view from its neighbor packets, charges reputation and decides what to forward. Both sides code
 * against these interfaces so that either can be replaced.
 */
import type { GrandpaGossipMessage } from "@canary/primitives";

export type PeerId = string;

/** Where the local voter stands: what neighbor packets announce and what gossip windows use. */
export interface GrandpaView {
  round: bigint;
  setId: bigint;
  /** The height of the last block this node finalized by a commit (or justification). */
  finalizedNumber: number;
}

/** An authority set, as gossip needs it to check signatures and the voter to count weights. */
export interface GrandpaVoterSet {
  setId: bigint;
  authorities: ReadonlyArray<{ readonly id: Uint8Array; readonly weight: bigint }>;
}

/** What the voter asks of the gossip layer. */
export interface GrandpaTransport {
  /** Sends a message of the local voter (vote, commit) to every peer it is useful to. */
  broadcast(message: GrandpaGossipMessage): void;
  /** Sends to one peer (a catch-up request or answer). */
  sendTo(peer: PeerId, message: GrandpaGossipMessage): void;
  /** The local view changed: neighbor packets go out and gossip windows move. */
  setView(view: GrandpaView): void;
  /** Charges a peer for a message the voter found bad after gossip accepted it. */
  report(peer: PeerId, cost: number, reason: string): void;
}

/** What the gossip layer hands the voter: messages that passed its checks. */
export interface GrandpaMessageSink {
  /** The voter set gossip checks signatures against (the current one; the previous one for late commits). */
  voterSet(setId: bigint): GrandpaVoterSet | undefined;
  /** A vote, commit, catch-up request or catch-up from `peer` (signatures already checked). */
  onMessage(peer: PeerId, message: GrandpaGossipMessage): void;
}
