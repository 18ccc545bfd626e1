/**
 * The node's peer-to-peer network (DESIGN.md §4, §5): libp2p over TCP with Noise and Yamux,
 * identify and ping, and Substrate's chain protocols keyed by the genesis hash:
 * - `block-announces/1`: a notifications substream each way; the opener sends its handshake
 *   (roles, best block, genesis), the other side answers with its own, then the opener sends
 *   announcements of new best blocks;
 * - `sync/2`: one request, one response per substream, to fetch headers and bodies;
 * - `light/2` and `sync/warp`: what light clients ask (proofs of calls and reads; warp proofs);
 * - `transactions/1`: a notifications substream carrying pool transactions to peers.
 * Sync (`../sync/`) decides what to fetch and imports it; this module is its `BlockSource`,
 * asking peers over `sync/2`. A peer that sends garbage, a handshake for another chain or an
 * invalid block loses reputation and is disconnected.
 */

import {
  type Block,
  blockHash,
  bytesEqual,
  type Codec,
  decodeExact,
  type Header,
  toHex,
  WarpSyncProof,
} from "@canary/primitives";
import { noise } from "@chainsafe/libp2p-noise";
import { yamux } from "@chainsafe/libp2p-yamux";
import { generateKeyPairFromSeed } from "@libp2p/crypto/keys";
import { identify } from "@libp2p/identify";
import type { Connection, PeerId, Stream } from "@libp2p/interface";
import { ping } from "@libp2p/ping";
import { tcp } from "@libp2p/tcp";
import { type LengthPrefixedStream, lpStream } from "@libp2p/utils";
import { multiaddr } from "@multiformats/multiaddr";
import { createLibp2p, type Libp2p } from "libp2p";
import { type Chain, importFault } from "../chain/index.ts";
import { warpProof } from "../consensus/grandpa/warpProof.ts";
import type { Logger } from "../service/logger.ts";
import { type BlockRequest, type BlockResponse, ChainSync, type Offence } from "../sync/index.ts";
import { inSlices } from "../txpool/slices.ts";
import { answerBlockRequest } from "./blockServer.ts";
import { kademlia, PeerSlots } from "./discovery.ts";
import { NetworkError } from "./errors.ts";
import { GrandpaGossip } from "./grandpaGossip.ts";
import {
  decodeLightRequest,
  decodeLightResponse,
  encodeLightRequest,
  encodeLightResponse,
  type LightRequest,
  type LightResponse,
} from "./lightMessages.ts";
import { answerLightRequest } from "./lightServer.ts";
import {
  BlockAnnounce,
  BlockAnnouncesHandshake,
  decodeBlockRequest,
  decodeBlockResponse,
  encodeBlockRequest,
  encodeBlockResponse,
  protocolNames,
  ROLE_AUTHORITY,
  ROLE_FULL,
  Transactions,
} from "./messages.ts";
import { BAN_MS, COST, Reputation } from "./reputation.ts";

export interface NetworkOptions {
  /** The ed25519 seed of the node key (`network/secret_ed25519`). */
  nodeKey: Uint8Array;
  /** Multiaddrs to listen on, e.g. `/ip4/0.0.0.0/tcp/30333`. */
  listen: string[];
  /** `/ip4/…/tcp/…/p2p/<peer id>` addresses to dial and keep dialing. */
  bootnodes: string[];
  chain: Chain;
  /** Imports a block fetched from a peer (the node also tells its pool); a promise when queued. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a synchronous import returns nothing.
  importBlock?: (block: Block) => void | Promise<unknown>;
  /** Checks and applies a GRANDPA justification a block came with (the voter's). */
  importJustification?: (hash: Uint8Array, justification: Uint8Array) => void;
  authority: boolean;
  log: Logger;
  /** The pool's ready transactions, sent to each peer as its transactions substream opens. */
  pendingTransactions?: () => Uint8Array[];
  /** Transactions a peer sent; the pool's verdict comes back (false: invalid). */
  onTransactions?: (transactions: Uint8Array[]) => boolean[];
  /** Inbound and outbound peer limits, each on its own (Substrate: 32 and 8); reserved peers are outside both. */
  inPeers?: number;
  outPeers?: number;
  /** Peers to keep connected, as `/…/p2p/<peer id>` addresses (`--reserved-nodes`). */
  reservedPeers?: string[];
  /** Connect to reserved peers only, and accept no one else (`--reserved-only`). */
  reservedOnly?: boolean;
  /** Find peers of peers with Kademlia (default true). */
  discovery?: boolean;
  /** How long a peer has to answer a block request. */
  requestTimeoutMs?: number;
  redialMs?: number;
}

export interface PeerInfo {
  peerId: string;
  roles: "FULL" | "AUTHORITY" | "LIGHT";
  bestHash: Uint8Array;
  bestNumber: number;
}

interface Peer extends PeerInfo {
  id: PeerId;
  /** Our substreams to it: announcements and transactions go out on these. */
  announces?: LengthPrefixedStream<Stream>;
  transactions?: LengthPrefixedStream<Stream>;
  grandpa?: LengthPrefixedStream<Stream>;
}

type Options = Required<Omit<NetworkOptions, "onTransactions" | "importJustification">> &
  Pick<NetworkOptions, "onTransactions" | "importJustification">;

const HANDSHAKE_MAX = 1024;
const NOTIFICATION_MAX = 1024 * 1024;
/** Connections beyond the in/out limits that libp2p allows, for reserved peers and handshakes under way. */
const RESERVED_HEADROOM = 16;
const REQUEST_MAX = 1024 * 1024;
const RESPONSE_MAX = 16 * 1024 * 1024;
/**
 * A response stream's limits. The stream buffers what arrives before it is read, 4 MiB by
 * default, less than a response may be: a sync response of a few large blocks overflowed it, and
 * the peer was dropped and sync stalled. The buffer may hold a whole response and its length.
 */
const RESPONSE_STREAM = { maxDataLength: RESPONSE_MAX, maxBufferSize: RESPONSE_MAX + 16 };
/** What each of sync's complaints about a peer costs it. */
const OFFENCE_COST: Record<Offence, number> = {
  timeout: COST.timeout,
  badResponse: COST.badResponse,
  badBlock: COST.fatal,
};

export class Network {
  readonly peerId: string;
  readonly #p2p: Libp2p;
  readonly #o: Options;
  readonly #protocols: ReturnType<typeof protocolNames>;
  readonly #peers = new Map<string, Peer>();
  readonly #reputation: Reputation;
  readonly #timers: NodeJS.Timeout[] = [];
  /** Peers to stay connected to (`system_addReservedPeer`), by peer id: their addresses. */
  readonly #reserved: Map<string, string>;
  readonly #slots: PeerSlots;
  /** The grandpa/1 protocol: the voter's transport (`grandpa.attach(voter)`). */
  readonly grandpa: GrandpaGossip;
  readonly #unsubscribe: () => void;
  readonly #sync: ChainSync<Peer>;
  #stopped = false;
  bytesIn = 0;
  bytesOut = 0;

  private constructor(p2p: Libp2p, options: Options, reputation: Reputation, reserved: Map<string, string>) {
    this.#p2p = p2p;
    this.#o = options;
    this.#reputation = reputation;
    this.#reserved = reserved;
    this.#slots = new PeerSlots(options, (id) => reserved.has(id));
    this.grandpa = new GrandpaGossip({
      send: (peerId, bytes) => {
        const lp = this.#peers.get(peerId)?.grandpa;
        if (lp) this.#send(lp, bytes);
      },
      report: (peerId, cost, reason) => this.#misbehaved(peerId, new Error(reason), cost),
    });
    this.peerId = p2p.peerId.toString();
    this.#protocols = protocolNames(options.chain.genesisHash);
    const chain = options.chain;
    this.#sync = new ChainSync({
      source: {
        peers: () => [...this.#peers.values()].filter((p) => p.announces),
        request: (peer, request, signal) => this.#request(peer, request, signal),
      },
      chain: {
        best: () => chain.best(),
        has: (hash) => chain.blocks.has(hash),
        importBlock: options.importBlock,
        importFault,
        importJustification: (hash, justification) => options.importJustification?.(hash, justification),
      },
      log: options.log,
      report: (peerId, offence, e) => this.#misbehaved(peerId, e, OFFENCE_COST[offence]),
      // While catching up, peers hear only of where the sync ended.
      onIdle: () => this.#announce(chain.blocks.header(chain.best().hash)!),
      requestTimeoutMs: options.requestTimeoutMs,
    });
    this.#unsubscribe = chain.onImported((b) => {
      if (b.best && !this.#sync.running) this.#announce(b.header);
    });
  }

  static async start(options: NetworkOptions): Promise<Network> {
    const o = {
      inPeers: 32,
      outPeers: 8,
      requestTimeoutMs: 20_000,
      redialMs: 5_000,
      reservedPeers: [],
      reservedOnly: false,
      discovery: true,
      importBlock: (block: Block) => void options.chain.importBlock(block),
      pendingTransactions: () => [],
      ...options,
    };
    // The gater exists before the Network does; both share these tables.
    const reputation = new Reputation();
    const reserved = new Map<string, string>();
    for (const address of o.reservedPeers) reserved.set(reservedId(address), address);
    let p2p: Libp2p;
    try {
      p2p = await createLibp2p({
        privateKey: await generateKeyPairFromSeed("Ed25519", o.nodeKey),
        addresses: { listen: o.listen },
        transports: [tcp()],
        connectionEncrypters: [noise()],
        streamMuxers: [yamux()],
        services: {
          identify: identify(),
          ping: ping(),
          ...(o.discovery && !o.reservedOnly
            ? { kad: kademlia(protocolNames(o.chain.genesisHash).kad) }
            : {}),
        },
        // Room for reserved peers and connections being set up: PeerSlots applies the limits.
        connectionManager: { maxConnections: o.inPeers + o.outPeers + RESERVED_HEADROOM },
        connectionGater: {
          denyDialPeer: (peer) => reputation.isBanned(peer.toString()),
          denyInboundEncryptedConnection: (peer) =>
            reputation.isBanned(peer.toString()) || (o.reservedOnly && !reserved.has(peer.toString())),
        },
      });
    } catch (e) {
      throw new NetworkError(
        "NETWORK_LISTEN_FAILED",
        `cannot listen on ${o.listen.join(", ")}: ${(e as Error).message}; pick another --port or --listen-addr`,
        { cause: e },
      );
    }
    const network = new Network(p2p, o, reputation, reserved);
    await network.#begin();
    return network;
  }

  async #begin(): Promise<void> {
    const p = this.#protocols;
    const limits = { maxInboundStreams: 4, maxOutboundStreams: 4 };
    await this.#p2p.handle(p.blockAnnounces, (s, c) => this.#inboundAnnounces(s, c), limits);
    await this.#p2p.handle(p.transactions, (s, c) => this.#inboundTransactions(s, c), limits);
    await this.#p2p.handle(p.sync, (s, c) => this.#serveBlocks(s, c), { maxInboundStreams: 8 });
    await this.#p2p.handle(p.light, (s, c) => this.#serveLight(s, c), { maxInboundStreams: 4 });
    await this.#p2p.handle(p.warp, (s, c) => this.#serveWarp(s, c), { maxInboundStreams: 2 });
    await this.#p2p.handle(p.grandpa, (s, c) => this.#inboundGrandpa(s, c), limits);
    this.#p2p.addEventListener("connection:open", (e) => {
      const conn = e.detail;
      if (this.#slots.admit(conn.remotePeer.toString(), conn.direction)) return;
      this.#o.log.debug(`no ${conn.direction} slot for ${conn.remotePeer}: closing`);
      void conn.close().catch(() => {});
    });
    this.#p2p.addEventListener("peer:connect", (e) => void this.#openSubstreams(e.detail));
    this.#p2p.addEventListener("peer:disconnect", (e) => {
      this.#peers.delete(e.detail.toString());
      this.grandpa.removePeer(e.detail.toString());
      this.#slots.release(e.detail.toString());
      this.#sync.forget(e.detail.toString());
    });
    this.#p2p.addEventListener("peer:discovery", (e) => {
      const id = e.detail.id;
      const peerId = id.toString();
      if (this.#stopped || peerId === this.peerId || this.#reputation.isBanned(peerId)) return;
      if (this.#p2p.getConnections(id).length > 0 || !this.#slots.wantsOutbound(peerId)) return;
      this.#p2p
        .dial(id)
        .catch((err: Error) => this.#o.log.debug(`dialing discovered ${peerId} failed: ${err.message}`));
    });
    this.#dialKnown();
    this.#timers.push(setInterval(() => this.#dialKnown(), this.#o.redialMs));
  }

  /** Peers we exchanged handshakes with, and what they last said of their best block. */
  peers(): PeerInfo[] {
    return [...this.#peers.values()]
      .filter((p) => p.announces)
      .map(({ peerId, roles, bestHash, bestNumber }) => ({ peerId, roles, bestHash, bestNumber }));
  }

  /** Where peers can reach this node, each with `/p2p/<peer id>`. */
  listenAddresses(): string[] {
    return this.#p2p.getMultiaddrs().map(String);
  }

  /** True while catching up with a peer more than one block ahead (not while following). */
  get isSyncing(): boolean {
    return this.#sync.isSyncing;
  }

  /** The best block any peer has told us of (ours when none is ahead). */
  highestBlock(): number {
    return this.#sync.highestBlock();
  }

  /** Dials a peer now (`/ip4/…/tcp/…/p2p/<peer id>`); the handshakes follow on their own. */
  async connect(address: string): Promise<void> {
    await this.#p2p.dial(multiaddr(address));
  }

  /** Keeps a connection to the peer at `address` (which must end in `/p2p/<peer id>`), redialing it. */
  addReservedPeer(address: string): void {
    this.#reserved.set(reservedId(address), address);
    this.#dialKnown();
  }

  /** Stops keeping `peerId` connected, and disconnects it. */
  async removeReservedPeer(peerId: string): Promise<void> {
    if (!this.#reserved.delete(peerId)) return;
    const conn = this.#p2p.getConnections().find((c) => c.remotePeer.toString() === peerId);
    if (conn) await this.#p2p.hangUp(conn.remotePeer).catch(() => {});
  }

  reservedPeers(): string[] {
    return [...this.#reserved.keys()];
  }

  /** Sends transactions from the local pool to every peer. */
  broadcastTransactions(transactions: Uint8Array[]): string[] {
    if (transactions.length === 0) return [];
    const message = Transactions.enc(transactions);
    const sent: string[] = [];
    for (const peer of this.#peers.values()) {
      if (!peer.transactions) continue;
      this.#send(peer.transactions, message);
      sent.push(peer.peerId);
    }
    return sent;
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#sync.stop();
    for (const t of this.#timers) clearInterval(t);
    this.#unsubscribe();
    await this.#p2p.stop();
  }

  // --- connections ---

  #dialKnown(): void {
    const connected = new Set(this.#p2p.getPeers().map(String));
    const bootnodes = this.#o.reservedOnly ? [] : this.#o.bootnodes;
    for (const addr of [...bootnodes, ...this.#reserved.values()]) {
      let target: ReturnType<typeof multiaddr>;
      try {
        target = multiaddr(addr);
      } catch (e) {
        this.#o.log.warn(`bootnode ${addr} is not a multiaddr: ${(e as Error).message}`);
        continue;
      }
      const id = peerIdOf(addr);
      if (id === this.peerId || (id && connected.has(id))) continue;
      this.#p2p.dial(target).catch((e: Error) => this.#o.log.debug(`dialing ${addr} failed: ${e.message}`));
    }
  }

  #handshake(): Uint8Array {
    const best = this.#o.chain.best();
    return BlockAnnouncesHandshake.enc({
      roles: this.#o.authority ? ROLE_AUTHORITY : ROLE_FULL,
      bestNumber: best.number,
      bestHash: best.hash,
      genesisHash: this.#o.chain.genesisHash,
    });
  }

  /** Checks a peer's handshake; a peer of another chain is disconnected. */
  #acceptHandshake(id: PeerId, bytes: Uint8Array): Peer {
    const peerId = id.toString();
    const hs = decode(BlockAnnouncesHandshake, bytes, "block announces handshake");
    if (!bytesEqual(hs.genesisHash, this.#o.chain.genesisHash)) {
      throw new NetworkError(
        "NETWORK_WRONG_GENESIS",
        `peer ${peerId} is on another chain (genesis ${toHex(hs.genesisHash)})`,
      );
    }
    const peer: Peer = this.#peers.get(peerId) ?? {
      id,
      peerId,
      roles: hs.roles & ROLE_AUTHORITY ? "AUTHORITY" : hs.roles & ROLE_FULL ? "FULL" : "LIGHT",
      bestHash: hs.bestHash,
      bestNumber: hs.bestNumber,
    };
    this.#peers.set(peerId, peer);
    return peer;
  }

  async #openSubstreams(id: PeerId): Promise<void> {
    const peerId = id.toString();
    const roles = new Uint8Array([this.#o.authority ? ROLE_AUTHORITY : ROLE_FULL]);
    try {
      const lp = await this.#open(id, this.#protocols.blockAnnounces, this.#handshake());
      if (!lp) return;
      const peer = this.#acceptHandshake(id, await this.#read(lp, HANDSHAKE_MAX));
      const tx = await this.#open(id, this.#protocols.transactions, roles);
      if (tx) {
        await this.#read(tx, HANDSHAKE_MAX);
        peer.transactions = tx;
        const pending = this.#o.pendingTransactions();
        if (pending.length > 0) this.#send(tx, Transactions.enc(pending));
      }
      const grandpa = await this.#open(id, this.#protocols.grandpa, roles);
      if (grandpa) {
        await this.#read(grandpa, HANDSHAKE_MAX);
        peer.grandpa = grandpa;
        this.grandpa.addPeer(peerId);
      }
      // Counted as a peer from here: its substreams are open.
      peer.announces = lp;
      this.#o.log.debug(`🤝 ${peerId} connected at #${peer.bestNumber} (${peer.roles})`);
      void this.#sync.wake();
    } catch (e) {
      this.#misbehaved(peerId, e, COST.fatal);
    }
  }

  /**
   * Opens a notifications substream and sends our handshake. A peer that does not speak the
   * protocol (another chain, a bare libp2p node) has done nothing wrong: undefined, no penalty.
   */
  async #open(id: PeerId, protocol: string, handshake: Uint8Array) {
    let stream: Stream;
    try {
      stream = await this.#p2p.dialProtocol(id, protocol);
    } catch (e) {
      if ((e as Error).name === "UnsupportedProtocolError") return undefined;
      throw e;
    }
    const lp = lpStream(stream, { maxDataLength: NOTIFICATION_MAX });
    await this.#write(lp, handshake);
    return lp;
  }

  async #inboundAnnounces(stream: Stream, connection: Connection): Promise<void> {
    const peerId = connection.remotePeer.toString();
    const lp = lpStream(stream, { maxDataLength: NOTIFICATION_MAX });
    try {
      const peer = this.#acceptHandshake(connection.remotePeer, await this.#read(lp, HANDSHAKE_MAX));
      await this.#write(lp, this.#handshake());
      for (;;) {
        const bytes = await this.#read(lp, NOTIFICATION_MAX);
        const announce = decode(BlockAnnounce, bytes, "block announce");
        const hash = blockHash(announce.header);
        if (announce.state !== "Normal") {
          peer.bestHash = hash;
          peer.bestNumber = announce.header.number;
        }
        if (!this.#o.chain.blocks.has(hash)) void this.#sync.wake();
      }
    } catch (e) {
      if (!isClosed(e)) this.#misbehaved(peerId, e, COST.fatal);
    }
  }

  async #inboundGrandpa(stream: Stream, connection: Connection): Promise<void> {
    const peerId = connection.remotePeer.toString();
    const lp = lpStream(stream, { maxDataLength: NOTIFICATION_MAX });
    try {
      await this.#read(lp, HANDSHAKE_MAX);
      await this.#write(lp, new Uint8Array([this.#o.authority ? ROLE_AUTHORITY : ROLE_FULL]));
      for (;;) {
        const bytes = await this.#read(lp, NOTIFICATION_MAX);
        try {
          this.grandpa.receive(peerId, bytes);
        } catch (e) {
          // Charged by the gossip layer already; the peer may go on.
          this.#o.log.debug(`peer ${peerId}: ${(e as Error).message}`);
        }
      }
    } catch (e) {
      if (!isClosed(e)) this.#misbehaved(peerId, e, COST.fatal);
    }
  }

  async #inboundTransactions(stream: Stream, connection: Connection): Promise<void> {
    const peerId = connection.remotePeer.toString();
    const lp = lpStream(stream, { maxDataLength: NOTIFICATION_MAX });
    try {
      await this.#read(lp, HANDSHAKE_MAX);
      await this.#write(lp, new Uint8Array([this.#o.authority ? ROLE_AUTHORITY : ROLE_FULL]));
      for (;;) {
        const txs = decode(Transactions, await this.#read(lp, NOTIFICATION_MAX), "transactions");
        // Validated a few milliseconds at a time: a flood delays these transactions, never a slot.
        // The next notification is not read before this one is done, so a flood waits in its stream.
        const onTransactions = this.#o.onTransactions;
        const verdicts = onTransactions ? await inSlices(txs, (tx) => onTransactions([tx])[0] ?? true) : [];
        const invalid = verdicts.filter((ok) => !ok).length;
        if (invalid > 0 && this.#reputation.report(peerId, COST.badTransaction * invalid)) {
          this.#disconnect(peerId, `sent ${invalid} invalid transactions`);
          return;
        }
      }
    } catch (e) {
      if (!isClosed(e)) this.#misbehaved(peerId, e, COST.fatal);
    }
  }

  #announce(header: Header): void {
    const message = BlockAnnounce.enc({ header, state: "Best", data: new Uint8Array() });
    const hash = blockHash(header);
    for (const peer of this.#peers.values()) {
      // A peer that told us of this block has it already.
      if (peer.announces && !bytesEqual(peer.bestHash, hash)) this.#send(peer.announces, message);
    }
  }

  // --- block requests ---

  async #serveBlocks(stream: Stream, connection: Connection): Promise<void> {
    const peerId = connection.remotePeer.toString();
    const lp = lpStream(stream, { maxDataLength: REQUEST_MAX });
    try {
      const request = decodeBlockRequest(await this.#read(lp, REQUEST_MAX));
      await this.#write(lp, encodeBlockResponse(answerBlockRequest(this.#o.chain.blocks, request)));
      await stream.close();
    } catch (e) {
      if (!isClosed(e)) this.#misbehaved(peerId, e, COST.fatal);
    }
  }

  #serveLight(stream: Stream, connection: Connection): Promise<void> {
    return this.#answer(stream, connection, "light/2", REQUEST_MAX, decodeLightRequest, (request) =>
      encodeLightResponse(answerLightRequest(this.#o.chain, request)),
    );
  }

  /** `sync/warp`: the request is the 32-byte hash of the block to warp from (`WarpProofRequest`). */
  #serveWarp(stream: Stream, connection: Connection): Promise<void> {
    const decode = (bytes: Uint8Array) => {
      if (bytes.length === 32) return bytes;
      throw new NetworkError(
        "NETWORK_BAD_MESSAGE",
        `a warp request of ${bytes.length} bytes, not a 32-byte hash`,
      );
    };
    return this.#answer(stream, connection, "sync/warp", 32, decode, (begin) =>
      warpProof(this.#o.chain, begin),
    );
  }

  /**
   * Serves one request-response substream: a request that does not decode costs the peer
   * everything, one beyond what the protocol allows (NETWORK_BAD_REQUEST) a little; any other
   * failure (an unknown or pruned block, a failing call) leaves it unanswered without blame, as
   * Substrate's handlers do.
   */
  async #answer<R>(
    stream: Stream,
    connection: Connection,
    protocol: string,
    maxRequest: number,
    decode: (bytes: Uint8Array) => R,
    respond: (request: R) => Uint8Array,
  ): Promise<void> {
    const peerId = connection.remotePeer.toString();
    const lp = lpStream(stream, { maxDataLength: maxRequest });
    let request: R;
    try {
      request = decode(await this.#read(lp, maxRequest));
    } catch (e) {
      if (!isClosed(e)) this.#misbehaved(peerId, e, COST.fatal);
      stream.abort(e as Error);
      return;
    }
    try {
      await this.#write(lp, respond(request));
      await stream.close();
    } catch (e) {
      if (e instanceof NetworkError && e.code === "NETWORK_BAD_REQUEST")
        this.#misbehaved(peerId, e, COST.badRequest);
      else this.#o.log.debug(`${protocol} request of ${peerId} not answered: ${(e as Error).message}`);
      stream.abort(e as Error);
    }
  }

  /** One `light/2` request to `peerId` (what a light client asks), its response decoded. */
  async lightRequest(peerId: string, request: LightRequest, signal?: AbortSignal): Promise<LightResponse> {
    return decodeLightResponse(await this.request(peerId, "light", encodeLightRequest(request), signal));
  }

  /** One `sync/warp` request to `peerId`: the warp proof from `begin`, decoded. */
  async warpRequest(peerId: string, begin: Uint8Array, signal?: AbortSignal) {
    return WarpSyncProof.dec(await this.request(peerId, "warp", begin, signal));
  }

  /**
   * Sends `payload` as one request of `protocol` to `peerId` and returns the response's bytes
   * (for clients of the protocols above, and for tests that send what a broken peer would).
   */
  async request(
    peerId: string,
    protocol: "light" | "warp",
    payload: Uint8Array,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    const id = this.#p2p.getConnections().find((c) => c.remotePeer.toString() === peerId)?.remotePeer;
    if (!id) throw new NetworkError("NETWORK_NO_PEER", `not connected to ${peerId}`);
    const stream = await this.#p2p.dialProtocol(id, this.#protocols[protocol], signal ? { signal } : {});
    const lp = lpStream(stream, RESPONSE_STREAM);
    await this.#write(lp, payload, signal);
    const response = await this.#read(lp, RESPONSE_MAX, signal);
    await stream.close().catch(() => {});
    return response;
  }

  /** A peer's reputation here (0: neutral; below BAN_THRESHOLD it is disconnected and refused). */
  reputationOf(peerId: string): number {
    return this.#reputation.score(peerId);
  }

  /** Sync's `BlockSource`: one `sync/2` request to `peer`, its response as it came. */
  async #request(peer: Peer, request: BlockRequest, signal: AbortSignal): Promise<BlockResponse> {
    const stream = await this.#p2p.dialProtocol(peer.id, this.#protocols.sync, { signal });
    const lp = lpStream(stream, RESPONSE_STREAM);
    await this.#write(lp, encodeBlockRequest(request), signal);
    const response = decodeBlockResponse(await this.#read(lp, RESPONSE_MAX, signal));
    await stream.close().catch(() => {});
    return response;
  }

  // --- plumbing ---

  #misbehaved(peerId: string, e: unknown, cost: number): void {
    if (this.#stopped) return;
    const reason = (e as Error).message;
    this.#o.log.debug(`peer ${peerId}: ${(e as Error).name}: ${reason}`);
    if (isClosed(e)) return;
    // Messages already in flight when a peer is banned land here too: one warning per ban.
    const already = this.#reputation.isBanned(peerId);
    if (this.#reputation.report(peerId, cost)) this.#disconnect(peerId, reason, already);
  }

  #disconnect(peerId: string, reason: string, already = false): void {
    if (!already) this.#o.log.warn(`🚫 Disconnecting ${peerId} for ${BAN_MS / 1000} s: ${reason}`);
    this.#peers.delete(peerId);
    const conn = this.#p2p.getConnections().find((c) => c.remotePeer.toString() === peerId);
    if (conn) void this.#p2p.hangUp(conn.remotePeer).catch(() => {});
  }

  async #read(lp: LengthPrefixedStream<Stream>, max: number, signal?: AbortSignal): Promise<Uint8Array> {
    const bytes = (await lp.read({ signal })).subarray();
    if (bytes.length > max)
      throw new NetworkError("NETWORK_BAD_MESSAGE", `a message of ${bytes.length} bytes (max ${max})`);
    this.bytesIn += bytes.length;
    return bytes;
  }

  async #write(lp: LengthPrefixedStream<Stream>, bytes: Uint8Array, signal?: AbortSignal): Promise<void> {
    this.bytesOut += bytes.length;
    await lp.write(bytes, { signal });
  }

  #send(lp: LengthPrefixedStream<Stream>, bytes: Uint8Array): void {
    this.#write(lp, bytes).catch(() => {});
  }
}

/** The peer id at the end of a multiaddr (`…/p2p/<id>`), if it has one and parses. */
function peerIdOf(address: string): string | undefined {
  try {
    return multiaddr(address)
      .getComponents()
      .find((c) => c.name === "p2p")?.value;
  } catch {
    return undefined;
  }
}

/** The peer id a reserved peer's address names; refuses an address without one. */
function reservedId(address: string): string {
  const id = peerIdOf(address);
  if (!id) {
    throw new NetworkError(
      "NETWORK_BAD_ADDRESS",
      `"${address}" is not a peer address: expected a multiaddr ending in /p2p/<peer id>`,
    );
  }
  return id;
}

/** A peer's message decoded, or an error that says which message was bad. */
function decode<T>(codec: Codec<T>, bytes: Uint8Array, what: string): T {
  try {
    return decodeExact(codec, bytes, what);
  } catch (e) {
    throw new NetworkError("NETWORK_BAD_MESSAGE", `undecodable ${what}: ${(e as Error).message}`, {
      cause: e,
    });
  }
}

function isClosed(e: unknown): boolean {
  const name = (e as Error | undefined)?.name ?? "";
  return [
    "UnexpectedEOFError",
    "StreamResetError",
    "StreamClosedError",
    "StreamStateError",
    "AbortError",
    "ConnectionClosedError",
  ].includes(name);
}
