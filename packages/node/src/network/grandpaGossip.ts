/**
 * The `/{genesis}/grandpa/1` notifications protocol between the network and the GRANDPA voter
 * (reference/light-client.md item 11): each peer's substream carries `GrandpaGossipMessage`s.
 * Incoming messages are decoded (an undecodable one costs the peer), neighbor packets update the
 * peer's view, and votes, commits and catch-up messages go to the voter, which checks signatures
 * and charges bad ones back through `report`. Outgoing, the voter's votes and commits go to every
 * peer, light ones included (smoldot finalizes from commits), and a neighbor packet announces this
 * node's round, set and finalized height whenever they change and to each new peer. The voter's
 * messages of the current and previous round are kept and sent to each peer that connects later,
 * as Substrate's gossip engine does, so that a round can complete among nodes that started apart.
 */
import { GrandpaGossipMessage as GossipCodec, type GrandpaGossipMessage } from "@canary/primitives";
import type {
  GrandpaMessageSink,
  GrandpaTransport,
  GrandpaView,
  PeerId,
} from "../consensus/grandpa/transport.ts";
import { NetworkError } from "./errors.ts";

export interface GrandpaGossipOptions {
  /** Sends one notification on a peer's substream. */
  send(peer: PeerId, bytes: Uint8Array): void;
  /** Lowers a peer's reputation. */
  report(peer: PeerId, cost: number, reason: string): void;
}

/** What an undecodable grandpa/1 message costs (Substrate's `cost::MALFORMED_MESSAGE`). */
export const MALFORMED_COST = -1_000;

export class GrandpaGossip implements GrandpaTransport {
  readonly #o: GrandpaGossipOptions;
  readonly #peers = new Map<PeerId, GrandpaView | undefined>();
  #sink: GrandpaMessageSink | undefined;
  #view: GrandpaView | undefined;
  /** The voter's own messages of recent rounds, for peers that connect later. */
  #recent: Array<{ round: bigint; setId: bigint; bytes: Uint8Array }> = [];

  constructor(options: GrandpaGossipOptions) {
    this.#o = options;
  }

  /** The voter that receives what peers send. */
  attach(sink: GrandpaMessageSink): void {
    this.#sink = sink;
  }

  addPeer(peer: PeerId): void {
    this.#peers.set(peer, undefined);
    if (this.#view) this.#o.send(peer, this.#neighbor(this.#view));
    for (const { bytes } of this.#recent) this.#o.send(peer, bytes);
  }

  removePeer(peer: PeerId): void {
    this.#peers.delete(peer);
  }

  /** The last view `peer` announced, if any. */
  peerView(peer: PeerId): GrandpaView | undefined {
    return this.#peers.get(peer);
  }

  /** A notification from `peer`. Throws a NetworkError for one that does not decode. */
  receive(peer: PeerId, bytes: Uint8Array): void {
    let message: GrandpaGossipMessage;
    try {
      message = GossipCodec.dec(bytes);
    } catch (cause) {
      this.#o.report(peer, MALFORMED_COST, "an undecodable grandpa/1 message");
      throw new NetworkError(
        "NETWORK_BAD_MESSAGE",
        `undecodable grandpa/1 message: ${(cause as Error).message}`,
        {
          cause,
        },
      );
    }
    if (message.tag === "Neighbor") {
      const { round, setId, commitFinalizedHeight } = message.value.value;
      const before = this.#peers.get(peer);
      this.#peers.set(peer, { round, setId, finalizedNumber: commitFinalizedHeight });
      // A peer rounds ahead in our set: ask it for the last round it completed (catch-up), once per round it reaches.
      const ours = this.#view;
      if (ours && setId === ours.setId && round > ours.round + 1n && before?.round !== round) {
        this.sendTo(peer, { tag: "CatchUpRequest", value: { round: round - 1n, setId } });
      }
      return;
    }
    this.#sink?.onMessage(peer, message);
  }

  broadcast(message: GrandpaGossipMessage): void {
    const bytes = GossipCodec.enc(message);
    for (const peer of this.#peers.keys()) this.#o.send(peer, bytes);
    if (message.tag === "Vote" || message.tag === "Commit") {
      const { round, setId } = message.value;
      this.#recent.push({ round, setId, bytes });
    }
  }

  sendTo(peer: PeerId, message: GrandpaGossipMessage): void {
    if (this.#peers.has(peer)) this.#o.send(peer, GossipCodec.enc(message));
  }

  setView(view: GrandpaView): void {
    this.#view = view;
    this.#recent = this.#recent.filter((m) => m.setId === view.setId && m.round + 1n >= view.round);
    const bytes = this.#neighbor(view);
    for (const peer of this.#peers.keys()) this.#o.send(peer, bytes);
  }

  report(peer: PeerId, cost: number, reason: string): void {
    this.#o.report(peer, cost, reason);
  }

  #neighbor(view: GrandpaView): Uint8Array {
    return GossipCodec.enc({
      tag: "Neighbor",
      value: {
        tag: "V1",
        value: { round: view.round, setId: view.setId, commitFinalizedHeight: view.finalizedNumber },
      },
    });
  }
}
