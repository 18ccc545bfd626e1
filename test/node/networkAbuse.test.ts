/**
 * Peers that misbehave, played by a bare libp2p node speaking the chain's protocols by hand:
 * each offence gets the peer disconnected and refused, changes nothing on the node, and the node
 * goes on serving an honest peer.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { devKeypair, sealBabeHeader } from "@canary/crypto";
import {
  BlockAnnouncesHandshake,
  encodeBlockResponse,
  protocolNames,
  ROLE_FULL,
  Transactions,
} from "@canary/node";
import { blockHash, Header, toHex } from "@canary/primitives";
import { noise } from "@chainsafe/libp2p-noise";
import { yamux } from "@chainsafe/libp2p-yamux";
import { identify } from "@libp2p/identify";
import { tcp } from "@libp2p/tcp";
import { lpStream } from "@libp2p/utils";
import { multiaddr } from "@multiformats/multiaddr";
import { createLibp2p, type Libp2p } from "libp2p";
import { afterEach, describe, expect, it } from "vitest";
import { CanaryNode } from "../../packages/node/src/service/canaryNode.ts";
import { createLogger } from "../../packages/node/src/service/logger.ts";
import { until } from "../support/until.ts";

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const warnings: string[] = [];
const logger = createLogger("warn", (l) => warnings.push(l));

async function start(validator = false): Promise<CanaryNode> {
  const basePath = mkdtempSync(join(tmpdir(), "canary-abuse-"));
  const node = await CanaryNode.start({
    chain: "dev",
    basePath,
    validator,
    instantSeal: true, // no slot timer: these tests author by hand
    rpcPort: 0,
    prometheusPort: null,
    statusIntervalMs: 60_000,
    logger,
  });
  cleanups.push(
    () => rmSync(basePath, { recursive: true, force: true }),
    () => node.stop(),
  );
  return node;
}

/** A bare libp2p node; with `node`, it answers the node's block-announces handshake as a peer would. */
async function rawPeer(node?: CanaryNode, hello?: Uint8Array): Promise<Libp2p> {
  const p2p = await createLibp2p({
    addresses: { listen: ["/ip4/127.0.0.1/tcp/0"] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify() },
  });
  cleanups.push(() => p2p.stop());
  if (node) {
    await p2p.handle(protocolNames(node.chain.genesisHash).blockAnnounces, async (stream) => {
      const lp = lpStream(stream);
      await lp.read();
      await lp.write(hello ?? handshake(node.chain.genesisHash));
    });
  }
  return p2p;
}

const handshake = (genesisHash: Uint8Array, best = { number: 0, hash: genesisHash }) =>
  BlockAnnouncesHandshake.enc({
    roles: ROLE_FULL,
    bestNumber: best.number,
    bestHash: best.hash,
    genesisHash,
  });

/** Opens block-announces to `node` with `hello` as our handshake; returns the stream. */
async function announces(peer: Libp2p, node: CanaryNode, hello: Uint8Array) {
  const names = protocolNames(node.chain.genesisHash);
  const stream = await peer.dialProtocol(multiaddr(node.network.listenAddresses()[0]!), names.blockAnnounces);
  const lp = lpStream(stream);
  await lp.write(hello);
  return lp;
}

/** The node refuses `peer` now: its next dial fails. */
async function refused(peer: Libp2p, node: CanaryNode): Promise<boolean> {
  await until("the peer is disconnected", () => peer.getConnections().length === 0);
  return peer.dial(multiaddr(node.network.listenAddresses()[0]!)).then(
    // The gater may let the connection finish its handshake and then close it at once.
    (c) =>
      until("the node closes the connection", () => c.status !== "open", 2_000).then(
        () => true,
        () => false,
      ),
    () => true,
  );
}

describe("misbehaving peers", () => {
  it("drops and refuses a peer whose handshake names another genesis, or that sends junk", async () => {
    const node = await start();
    const liar = await rawPeer();
    const wrongGenesis = new Uint8Array(32).fill(9);
    const lp = await announces(liar, node, handshake(wrongGenesis));
    await expect(lp.read()).rejects.toThrow(); // no handshake back: the substream is closed
    expect(await refused(liar, node)).toBe(true);
    expect(node.network.peers()).toEqual([]);

    const junk = await rawPeer(node);
    const stream = await announces(junk, node, handshake(node.chain.genesisHash));
    await stream.read(); // the node's handshake
    await until("the node counts the peer", () => node.network.peers().length === 1);
    await stream.write(new Uint8Array([1, 2, 3])); // not a BlockAnnounce
    expect(await refused(junk, node)).toBe(true);
    expect(node.network.peers()).toEqual([]);
    expect(warnings.join("\n")).toMatch(/Disconnecting .* block announce/);
  });

  // One node per case: libp2p accepts at most 5 inbound connections a second from one host.
  const junkGrandpa = new Uint8Array([0xee, 1, 2]);
  it.each([
    {
      what: "hundreds of undecodable GRANDPA messages",
      protocol: "grandpa" as const,
      // One costs little (a peer of another version may send one); hundreds get it refused.
      messages: Array.from({ length: 600 }, () => junkGrandpa),
      toleratesFirst: true,
    },
    {
      what: "an undecodable transactions notification",
      protocol: "transactions" as const,
      messages: [new Uint8Array([0xff])], // not a Vec<Vec<u8>>
      toleratesFirst: false,
    },
    {
      what: "600 transactions the pool refuses (1,000 each, past the threshold)",
      protocol: "transactions" as const,
      messages: [Transactions.enc(Array.from({ length: 600 }, (_, i) => new Uint8Array([8, i & 0xff, 0])))],
      toleratesFirst: false,
    },
  ])("refuses a peer that sends $what, and goes on", async ({ protocol, messages, toleratesFirst }) => {
    const node = await start(true);
    const peer = await rawPeer(node);
    const hello = await announces(peer, node, handshake(node.chain.genesisHash));
    await hello.read();
    const names = protocolNames(node.chain.genesisHash);
    const stream = await peer.dialProtocol(multiaddr(node.network.listenAddresses()[0]!), names[protocol]);
    const lp = lpStream(stream);
    await lp.write(new Uint8Array([ROLE_FULL]));
    await lp.read(); // the node's handshake
    const sent = (bytes: Uint8Array) =>
      lp.write(bytes).then(
        () => true,
        () => false, // the node hung up
      );
    if (toleratesFirst) {
      await sent(messages[0]!);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(peer.getConnections()).toHaveLength(1);
    }
    for (const bytes of messages) if (!(await sent(bytes))) break;
    expect(await refused(peer, node)).toBe(true);
    expect(node.pool.size).toBe(0);
    // Messages still in flight after the ban cost it more, but are not warned of again.
    const id = peer.peerId.toString();
    expect(warnings.filter((l) => l.includes(`Disconnecting ${id}`))).toHaveLength(1);

    // It authors, and an honest follower syncs.
    node.authorBlock();
    const follower = await start();
    await follower.network.connect(node.network.listenAddresses()[0]!);
    await until("the follower syncs #1", () => follower.chain.best().number === 1);
  });

  it("refuses a peer whose block fails import, and keeps its own chain", async () => {
    // A real block #1 of the dev chain, resealed by Alice with a wrong state root.
    const source = await start(true);
    source.authorBlock();
    const real = source.chain.blocks.block(source.chain.best().hash)!;
    const unsealed = {
      ...real.header,
      digest: real.header.digest.slice(0, -1),
      stateRoot: new Uint8Array(32).fill(1),
    };
    const bad = { header: sealBabeHeader(unsealed, devKeypair("Alice")), extrinsics: real.extrinsics };
    const badHash = blockHash(bad.header);

    const victim = await start();
    const evilHello = handshake(victim.chain.genesisHash, { number: 1, hash: badHash });
    const evil = await rawPeer(victim, evilHello);
    const names = protocolNames(victim.chain.genesisHash);
    await evil.handle(names.sync, async (stream) => {
      const lp = lpStream(stream);
      await lp.read();
      await lp.write(
        encodeBlockResponse([{ hash: badHash, header: Header.enc(bad.header), body: bad.extrinsics }]),
      );
      await stream.close();
    });
    const lp = await announces(evil, victim, evilHello);
    await lp.read();
    expect(await refused(evil, victim)).toBe(true);
    expect(victim.chain.best().number).toBe(0);
    expect(victim.chain.blocks.has(badHash)).toBe(false);
    expect(warnings.join("\n")).toMatch(/Disconnecting .*state root 0x[0-9a-f]+ differs/);

    // An honest peer with the real block is still welcome, and syncs the victim.
    await victim.network.connect(source.network.listenAddresses()[0]!);
    await until("the victim imports the real #1", () => victim.chain.best().number === 1);
    expect(toHex(victim.chain.best().hash)).toBe(toHex(blockHash(real.header)));
  });

  it("gives up a stalling peer's request when an honest peer announces a block, without blaming it", async () => {
    const author = await start(true);
    author.authorBlock();
    const victim = await start();
    // It claims the highest chain, so it is asked first, and never answers.
    const hello = handshake(victim.chain.genesisHash, { number: 1_000, hash: new Uint8Array(32).fill(5) });
    const staller = await rawPeer(victim, hello);
    let asked = 0;
    await staller.handle(protocolNames(victim.chain.genesisHash).sync, async (stream) => {
      asked++;
      await lpStream(stream).read();
    });
    const lp = await announces(staller, victim, hello);
    await lp.read();
    await until("the victim asked the staller", () => asked === 1);
    const askedAt = Date.now();
    await victim.network.connect(author.network.listenAddresses()[0]!);
    // Hearing of #1 at once changes nothing: a request is given up only after 5 s (or 20 s' timeout).
    await new Promise((resolve) => setTimeout(resolve, 5_200 - (Date.now() - askedAt)));
    expect(victim.chain.best().number).toBe(0);
    author.authorBlock(); // #2, announced
    await until("the victim follows the author", () => victim.chain.best().number === 2, 8_000);
    expect(toHex(victim.chain.best().hash)).toBe(toHex(author.chain.best().hash));
    expect(staller.getConnections()).toHaveLength(1); // slow is not an offence
  }, 30_000);

  it("refuses a peer that sends an undecodable block request, and still answers others", async () => {
    const node = await start(true);
    node.authorBlock();
    const names = protocolNames(node.chain.genesisHash);
    const bad = await rawPeer();
    const stream = await bad.dialProtocol(multiaddr(node.network.listenAddresses()[0]!), names.sync);
    const lp = lpStream(stream);
    await lp.write(new Uint8Array([0xff, 0xff, 0xff])); // a truncated varint, no starting block
    await expect(lp.read()).rejects.toThrow();
    expect(await refused(bad, node)).toBe(true);

    const follower = await start();
    await follower.network.connect(node.network.listenAddresses()[0]!);
    await until("the follower syncs #1", () => follower.chain.best().number === 1);
  });
});
