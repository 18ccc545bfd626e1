/**
 * The node's peer-to-peer network (DESIGN.md §4, §5): libp2p over TCP with Noise and Yamux,
 * identify and ping, and Substrate's chain protocols keyed by the genesis hash:
 * - `block-announces/1`: a notifications substream each way; the opener sends its handshake
 *   (roles, best block, genesis), the other side answers with its own, then the opener sends
 *   announcements of new best blocks;
 * - `sync/2`: one request, one response per substream, to fetch headers and bodies;
 * - `transactions/1`: a notifications substream carrying pool transactions to peers.
 * Blocks fetched from peers are imported (executed) like any other; a peer that sends garbage, a
 * handshake for another chain or an invalid block loses reputation and is disconnected.
 */

import {
  type Block,
  blockHash,
  bytesEqual,
  CanaryError,
  type Codec,
  decodeExact,
  Header,
  toHex,
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
import type { Chain } from "../chain/index.ts";
import type { Logger } from "../service/logger.ts";
import { answerBlockRequest, MAX_BLOCKS_IN_RESPONSE } from "./blockServer.ts";
import {
  BlockAnnounce,
  BlockAnnouncesHandshake,
  type BlockData,
  type BlockRequest,
  decodeBlockRequest,
  decodeBlockResponse,
  encodeBlockRequest,
  encodeBlockResponse,
  FIELD_BODY,
  FIELD_HEADER,
  FIELD_JUSTIFICATION,
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
  /** Imports a block fetched from a peer (the node also tells its pool). */
  importBlock?: (block: Block) => void;
  authority: boolean;
  log: Logger;
  /** The pool's ready transactions, sent to each peer as its transactions substream opens. */
  pendingTransactions?: () => Uint8Array[];
  /** Transactions a peer sent; the pool's verdict comes back (false: invalid). */
  onTransactions?: (transactions: Uint8Array[]) => boolean[];
  /** Inbound and outbound peer limits (Substrate: 32 and 8). */
  inPeers?: number;
  outPeers?: number;
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
  /** It had nothing more to give at its advertised best: wait for its next announcement. */
  exhausted: boolean;
}

type Options = Required<Omit<NetworkOptions, "onTransactions">> & Pick<NetworkOptions, "onTransactions">;

const HANDSHAKE_MAX = 1024;
const NOTIFICATION_MAX = 1024 * 1024;
const REQUEST_MAX = 1024 * 1024;
const RESPONSE_MAX = 16 * 1024 * 1024;
/** How far back a fork's common ancestor is searched for. */
const MAX_ANCESTRY = 4 * MAX_BLOCKS_IN_RESPONSE;

export class Network {
  readonly peerId: string;
  readonly #p2p: Libp2p;
  readonly #o: Options;
  readonly #protocols: ReturnType<typeof protocolNames>;
  readonly #peers = new Map<string, Peer>();
  readonly #reputation: Reputation;
  readonly #timers: NodeJS.Timeout[] = [];
  /** Peers to stay connected to (`system_addReservedPeer`), by peer id: their addresses. */
  readonly #reserved = new Map<string, string>();
  readonly #unsubscribe: () => void;
  #syncing = false;
  #stopped = false;
  bytesIn = 0;
  bytesOut = 0;

  private constructor(p2p: Libp2p, options: Options, reputation: Reputation) {
    this.#p2p = p2p;
    this.#o = options;
    this.#reputation = reputation;
    this.peerId = p2p.peerId.toString();
    this.#protocols = protocolNames(options.chain.genesisHash);
    // While catching up, peers hear only of where the sync ended (see #sync).
    this.#unsubscribe = options.chain.onImported((b) => {
      if (b.best && !this.#syncing) this.#announce(b.header);
    });
  }

  static async start(options: NetworkOptions): Promise<Network> {
    const o = {
      inPeers: 32,
      outPeers: 8,
      requestTimeoutMs: 20_000,
      redialMs: 5_000,
      importBlock: (block: Block) => void options.chain.importBlock(block),
      pendingTransactions: () => [],
      ...options,
    };
    // The gater exists before the Network does; both share this table.
    const reputation = new Reputation();
    let p2p: Libp2p;
    try {
      p2p = await createLibp2p({
        privateKey: await generateKeyPairFromSeed("Ed25519", o.nodeKey),
        addresses: { listen: o.listen },
        transports: [tcp()],
        connectionEncrypters: [noise()],
        streamMuxers: [yamux()],
        services: { identify: identify(), ping: ping() },
        connectionManager: { maxConnections: o.inPeers + o.outPeers },
        connectionGater: {
          denyDialPeer: (peer) => reputation.isBanned(peer.toString()),
          denyInboundEncryptedConnection: (peer) => reputation.isBanned(peer.toString()),
        },
      });
    } catch (e) {
      throw new CanaryError(
        "NETWORK_LISTEN_FAILED",
        `cannot listen on ${o.listen.join(", ")}: ${(e as Error).message}; pick another --port or --listen-addr`,
        { cause: e },
      );
    }
    const network = new Network(p2p, o, reputation);
    await network.#begin();
    return network;
  }

  async #begin(): Promise<void> {
    const p = this.#protocols;
    const limits = { maxInboundStreams: 4, maxOutboundStreams: 4 };
    await this.#p2p.handle(p.blockAnnounces, (s, c) => this.#inboundAnnounces(s, c), limits);
    await this.#p2p.handle(p.transactions, (s, c) => this.#inboundTransactions(s, c), limits);
    await this.#p2p.handle(p.sync, (s, c) => this.#serveBlocks(s, c), { maxInboundStreams: 8 });
    this.#p2p.addEventListener("peer:connect", (e) => void this.#openSubstreams(e.detail));
    this.#p2p.addEventListener("peer:disconnect", (e) => this.#peers.delete(e.detail.toString()));
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
    return this.#syncing && this.highestBlock() > this.#o.chain.best().number + 1;
  }

  /** The best block any peer has told us of (ours when none is ahead). */
  highestBlock(): number {
    return Math.max(this.#o.chain.best().number, ...this.peers().map((p) => p.bestNumber));
  }

  /** Dials a peer now (`/ip4/…/tcp/…/p2p/<peer id>`); the handshakes follow on their own. */
  async connect(address: string): Promise<void> {
    await this.#p2p.dial(multiaddr(address));
  }

  /** Keeps a connection to the peer at `address` (which must end in `/p2p/<peer id>`), redialing it. */
  addReservedPeer(address: string): void {
    const id = peerIdOf(address);
    if (!id) {
      throw new CanaryError(
        "NETWORK_BAD_ADDRESS",
        `"${address}" is not a peer address: expected a multiaddr ending in /p2p/<peer id>`,
      );
    }
    this.#reserved.set(id, address);
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
    for (const t of this.#timers) clearInterval(t);
    this.#unsubscribe();
    await this.#p2p.stop();
  }

  // --- connections ---

  #dialKnown(): void {
    const connected = new Set(this.#p2p.getPeers().map(String));
    for (const addr of [...this.#o.bootnodes, ...this.#reserved.values()]) {
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
      throw new CanaryError(
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
      exhausted: false,
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
      // Counted as a peer from here: both substreams are open.
      peer.announces = lp;
      this.#o.log.debug(`🤝 ${peerId} connected at #${peer.bestNumber} (${peer.roles})`);
      this.#sync();
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
        if (announce.state === undefined || announce.state.tag === "Best") {
          peer.bestHash = hash;
          peer.bestNumber = announce.header.number;
          peer.exhausted = false;
        }
        if (!this.#o.chain.blocks.has(hash)) this.#sync();
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
        const verdicts = this.#o.onTransactions?.(txs) ?? [];
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
    const message = BlockAnnounce.enc({ header, state: { tag: "Best" }, data: undefined });
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

  /** Asks `peer` for blocks and checks that the answer is what was asked: decodable, linked. */
  async #request(peer: Peer, request: BlockRequest): Promise<Block[]> {
    const signal = AbortSignal.timeout(this.#o.requestTimeoutMs);
    const start = "hash" in request.from ? toHex(request.from.hash) : `#${request.from.number}`;
    this.#o.log.debug(
      `⬇️  Asking ${peer.peerId} for ${request.maxBlocks} blocks ${request.direction} from ${start}`,
    );
    const stream = await this.#p2p.dialProtocol(peer.id, this.#protocols.sync, { signal });
    const lp = lpStream(stream, { maxDataLength: RESPONSE_MAX });
    await this.#write(lp, encodeBlockRequest(request), signal);
    const response = decodeBlockResponse(await this.#read(lp, RESPONSE_MAX, signal));
    await stream.close().catch(() => {});
    return checkResponse(request, response);
  }

  // --- sync ---

  /** Fetches and imports blocks while some peer is ahead of us; one run at a time. */
  #sync(): void {
    if (this.#syncing || this.#stopped) return;
    this.#syncing = true;
    this.#syncRounds()
      .catch((e) => this.#o.log.warn(`sync: ${(e as Error).message}`))
      .finally(() => {
        this.#syncing = false;
        const best = this.#o.chain.best();
        if (!this.#stopped) this.#announce(this.#o.chain.blocks.header(best.hash)!);
      });
  }

  async #syncRounds(): Promise<void> {
    for (;;) {
      if (this.#stopped) return;
      const ours = this.#o.chain.best();
      const peer = [...this.#peers.values()]
        .filter((p) => p.announces && !p.exhausted && !this.#o.chain.blocks.has(p.bestHash))
        .filter((p) => p.bestNumber >= ours.number)
        .sort((a, b) => b.bestNumber - a.bestNumber)[0];
      if (!peer) return;
      const gap = peer.bestNumber - ours.number;
      const fields = FIELD_HEADER | FIELD_BODY | FIELD_JUSTIFICATION;
      let blocks: Block[];
      try {
        // Far behind: walk up the peer's best chain by number. Close: walk down from its best.
        blocks =
          gap > MAX_BLOCKS_IN_RESPONSE
            ? await this.#request(peer, {
                fields,
                from: { number: ours.number + 1 },
                direction: "Ascending",
                maxBlocks: MAX_BLOCKS_IN_RESPONSE,
              })
            : (
                await this.#request(peer, {
                  fields,
                  from: { hash: peer.bestHash },
                  direction: "Descending",
                  maxBlocks: Math.max(1, gap),
                })
              ).reverse();
        blocks = blocks.filter((b) => !this.#o.chain.blocks.has(blockHash(b.header)));
        if (blocks.length > 0 && !this.#o.chain.blocks.has(blocks[0]!.header.parentHash)) {
          blocks = [...(await this.#ancestry(peer, blocks[0]!.header.parentHash)), ...blocks];
        }
      } catch (e) {
        this.#misbehaved(peer.peerId, e, isTimeout(e) ? COST.timeout : COST.badResponse);
        peer.exhausted = true;
        continue;
      }
      if (blocks.length === 0) {
        peer.exhausted = true;
        continue;
      }
      for (const block of blocks) {
        if (this.#stopped) return;
        try {
          this.#o.importBlock(block);
        } catch (e) {
          this.#misbehaved(peer.peerId, e, COST.fatal);
          break;
        }
      }
    }
  }

  /** The blocks between a known ancestor (exclusive) and `hash` (inclusive), fetched walking down. */
  async #ancestry(peer: Peer, hash: Uint8Array): Promise<Block[]> {
    const known = (h: Uint8Array) => this.#o.chain.blocks.has(h);
    const out: Block[] = [];
    let next = hash;
    while (!known(next)) {
      if (out.length >= MAX_ANCESTRY)
        throw new CanaryError(
          "NETWORK_NO_COMMON_ANCESTOR",
          `no common ancestor within ${MAX_ANCESTRY} blocks`,
        );
      const batch = await this.#request(peer, {
        fields: FIELD_HEADER | FIELD_BODY | FIELD_JUSTIFICATION,
        from: { hash: next },
        direction: "Descending",
        maxBlocks: MAX_BLOCKS_IN_RESPONSE,
      });
      if (batch.length === 0)
        throw new CanaryError("NETWORK_BAD_RESPONSE", "the peer has none of the ancestors of its own blocks");
      for (const b of batch) {
        if (known(blockHash(b.header))) break;
        out.unshift(b);
      }
      next = out[0]!.header.parentHash;
    }
    return out;
  }

  // --- plumbing ---

  #misbehaved(peerId: string, e: unknown, cost: number): void {
    if (this.#stopped) return;
    const reason = (e as Error).message;
    this.#o.log.debug(`peer ${peerId}: ${(e as Error).name}: ${reason}`);
    if (isClosed(e)) return;
    if (this.#reputation.report(peerId, cost)) this.#disconnect(peerId, reason);
  }

  #disconnect(peerId: string, reason: string): void {
    this.#o.log.warn(`🚫 Disconnecting ${peerId} for ${BAN_MS / 1000} s: ${reason}`);
    this.#peers.delete(peerId);
    const conn = this.#p2p.getConnections().find((c) => c.remotePeer.toString() === peerId);
    if (conn) void this.#p2p.hangUp(conn.remotePeer).catch(() => {});
  }

  async #read(lp: LengthPrefixedStream<Stream>, max: number, signal?: AbortSignal): Promise<Uint8Array> {
    const bytes = (await lp.read({ signal })).subarray();
    if (bytes.length > max)
      throw new CanaryError("NETWORK_BAD_MESSAGE", `a message of ${bytes.length} bytes (max ${max})`);
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

/** The blocks of a response, checked against the request: hashes, headers, bodies, links. */
export function checkResponse(request: BlockRequest, response: BlockData[]): Block[] {
  const bad = (what: string) => new CanaryError("NETWORK_BAD_RESPONSE", `block response: ${what}`);
  if (response.length > Math.max(request.maxBlocks, 1))
    throw bad(`${response.length} blocks for a request of ${request.maxBlocks}`);
  const blocks = response.map((data, i): Block => {
    if (!data.header) throw bad(`block ${i} has no header`);
    const header = decode(Header, data.header, `block ${i}'s header`);
    if (!bytesEqual(blockHash(header), data.hash)) throw bad(`block ${i}'s header does not hash to its hash`);
    return { header, extrinsics: data.body ?? [] };
  });
  const first = blocks[0];
  if (first) {
    const from = request.from;
    const matches =
      "hash" in from ? bytesEqual(blockHash(first.header), from.hash) : first.header.number === from.number;
    if (!matches) throw bad("the first block is not the one asked for");
  }
  for (let i = 1; i < blocks.length; i++) {
    const [a, b] = [blocks[i - 1]!, blocks[i]!];
    const linked =
      request.direction === "Ascending"
        ? bytesEqual(b.header.parentHash, blockHash(a.header))
        : bytesEqual(a.header.parentHash, blockHash(b.header));
    if (!linked) throw bad(`blocks ${i - 1} and ${i} are not parent and child`);
  }
  return blocks;
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

/** A peer's message decoded, or an error that says which message was bad. */
function decode<T>(codec: Codec<T>, bytes: Uint8Array, what: string): T {
  try {
    return decodeExact(codec, bytes, what);
  } catch (e) {
    throw new CanaryError("NETWORK_BAD_MESSAGE", `undecodable ${what}: ${(e as Error).message}`, {
      cause: e,
    });
  }
}

function isClosed(e: unknown): boolean {
  const name = (e as Error | undefined)?.name ?? "";
  return (
    [
      "UnexpectedEOFError",
      "StreamResetError",
      "StreamClosedError",
      "StreamStateError",
      "AbortError",
      "ConnectionClosedError",
    ].includes(name) && !isTimeout(e)
  );
}

function isTimeout(e: unknown): boolean {
  return (e as Error | undefined)?.name === "TimeoutError";
}
