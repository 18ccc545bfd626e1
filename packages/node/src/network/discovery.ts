/**
 * Finding peers and deciding which to keep, as Substrate's peerset does: Kademlia on
 * `/{genesis}/kad` (the protocol name Substrate and smoldot use) makes the peers of peers known,
 * and separate limits on inbound and outbound peers (`--in-peers`, `--out-peers`) decide which
 * connections stay. Reserved peers are always dialled and always accepted, outside both limits;
 * with `--reserved-only` no other peer is dialled or accepted.
 */
import { kadDHT, passthroughMapper } from "@libp2p/kad-dht";

/** The Kademlia service of a chain: server mode (it answers queries), all addresses kept (local networks). */
export function kademlia(protocol: string) {
  return kadDHT({
    protocol,
    clientMode: false,
    peerInfoMapper: passthroughMapper,
    // Find the network quickly after start, then look again every few minutes as Substrate does.
    initialQuerySelfInterval: 1_000,
    querySelfInterval: 60_000,
    allowQueryWithZeroPeers: false,
  });
}

export interface PeerSlotLimits {
  inPeers: number;
  outPeers: number;
  reservedOnly: boolean;
}

/** Which connections to keep: counts per direction, reserved peers apart. */
export class PeerSlots {
  readonly #limits: PeerSlotLimits;
  readonly #isReserved: (peerId: string) => boolean;
  readonly #inbound = new Set<string>();
  readonly #outbound = new Set<string>();

  constructor(limits: PeerSlotLimits, isReserved: (peerId: string) => boolean) {
    this.#limits = limits;
    this.#isReserved = isReserved;
  }

  /** Whether a new connection from or to `peerId` may stay; if so it takes a slot. */
  admit(peerId: string, direction: "inbound" | "outbound"): boolean {
    if (this.#inbound.has(peerId) || this.#outbound.has(peerId)) return true;
    if (this.#isReserved(peerId)) return true;
    if (this.#limits.reservedOnly) return false;
    const slots = direction === "inbound" ? this.#inbound : this.#outbound;
    const limit = direction === "inbound" ? this.#limits.inPeers : this.#limits.outPeers;
    if (slots.size >= limit) return false;
    slots.add(peerId);
    return true;
  }

  /** Whether dialling a discovered peer could keep it. */
  wantsOutbound(peerId: string): boolean {
    if (this.#isReserved(peerId)) return true;
    return (
      !this.#limits.reservedOnly && this.#outbound.size < this.#limits.outPeers && !this.#inbound.has(peerId)
    );
  }

  release(peerId: string): void {
    this.#inbound.delete(peerId);
    this.#outbound.delete(peerId);
  }

  get counts(): { inbound: number; outbound: number } {
    return { inbound: this.#inbound.size, outbound: this.#outbound.size };
  }
}
