/**
 * `/{genesis}/light/2` between two nodes over real TCP: a remote call answered with an execution
 * proof that re-runs to the node's own answer, storage reads with read proofs that verify against
 * the block's state root, and bad requests left unanswered without harm to the serving node: those
 * beyond the protocol's limits cost the asker a little, undecodable ones disconnect it. `sync/warp`
 * answers warp proofs and treats bad requests the same way.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { devKeypair } from "@canary/crypto";
import { BlockState, Executor, MAX_LIGHT_READ_KEYS, NetworkError, NodeHost } from "@canary/node";
import { blake2_256, storagePrefix, toHex, WELL_KNOWN_KEYS } from "@canary/primitives";
import { verifyProof } from "@canary/trie";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CanaryNode } from "../../packages/node/src/service/canaryNode.ts";
import { createLogger } from "../../packages/node/src/service/logger.ts";
import { until } from "../support/until.ts";

let server: CanaryNode;
let client: CanaryNode;
const dirs: string[] = [];

async function start(bootnodes: string[] = []): Promise<CanaryNode> {
  const basePath = mkdtempSync(join(tmpdir(), "canary-light-"));
  dirs.push(basePath);
  return CanaryNode.start({
    chain: "dev",
    basePath,
    rpcPort: 0,
    prometheusPort: null,
    statusIntervalMs: 60_000,
    instantSeal: true,
    bootnodes,
    logger: createLogger("error", () => {}),
  });
}

beforeAll(async () => {
  server = await start();
  client = await start([server.network.listenAddresses()[0]!]);
  await until("the nodes are connected", () => client.network.peers().length === 1);
}, 60_000);

afterAll(async () => {
  await client?.stop();
  await server?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("sync/warp", () => {
  it("answers a warp proof from genesis: a decodable proof that reaches the finalized head", async () => {
    const proof = await client.network.warpRequest(server.network.peerId, server.chain.genesisHash);
    // --instant-seal finalizes by timer, without justifications: nothing to prove, and finished.
    expect(proof).toEqual({ proofs: [], isFinished: true });
  });

  it("refuses a request for an unknown block at a cost, and a malformed one by disconnecting; others are still served", async () => {
    const mallory = await start([server.network.listenAddresses()[0]!]);
    try {
      await until("mallory is connected", () => mallory.network.peers().length === 1);
      const peer = mallory.network.peerId;
      await expect(
        mallory.network.warpRequest(server.network.peerId, new Uint8Array(32).fill(9)),
      ).rejects.toThrow();
      const score = server.network.reputationOf(peer);
      expect(score).toBeLessThan(0);
      expect(mallory.network.peers()).toHaveLength(1);
      // A request that is not a 32-byte hash: undecodable, so the peer is banned.
      await expect(
        mallory.network.request(server.network.peerId, "warp", new Uint8Array(31)),
      ).rejects.toThrow();
      expect(server.network.reputationOf(peer)).toBeLessThan(score);
      await until("mallory is disconnected", () => !server.network.peers().some((p) => p.peerId === peer));
      const proof = await client.network.warpRequest(server.network.peerId, server.chain.genesisHash);
      expect(proof.isFinished).toBe(true);
    } finally {
      await mallory.stop();
    }
  });
});

describe("light/2", () => {
  it("refuses a request that does not decode by disconnecting the sender", async () => {
    const mallory = await start([server.network.listenAddresses()[0]!]);
    try {
      await until("mallory is connected", () => mallory.network.peers().length === 1);
      await expect(
        mallory.network.request(server.network.peerId, "light", Uint8Array.of(0xff, 0xff, 0xff)),
      ).rejects.toThrow();
      await until(
        "mallory is disconnected",
        () => !server.network.peers().some((p) => p.peerId === mallory.network.peerId),
      );
      expect(server.network.reputationOf(mallory.network.peerId)).toBeLessThan(-500_000);
      expect(client.network.peers()).toHaveLength(1);
    } finally {
      await mallory.stop();
    }
  });

  it("answers a remote call with a proof that re-runs to the serving node's answer", async () => {
    const block = server.chain.genesisHash;
    const data = devKeypair("Alice").publicKey;
    const method = "AccountNonceApi_account_nonce";
    const { kind, proof } = await client.network.lightRequest(server.network.peerId, {
      kind: "call",
      block,
      method,
      data,
    });
    expect(kind).toBe("call");
    const nodes = new Map(proof.map((n) => [toHex(blake2_256(n)), n]));
    const state = new BlockState({
      store: { get: (h) => nodes.get(toHex(h)) },
      root: server.chain.header(block)!.stateRoot,
    });
    const host = new NodeHost(state);
    const output = new Executor().call(host.storageGet(WELL_KNOWN_KEYS.code)!, method, data, host);
    expect(toHex(output)).toBe(toHex(server.chain.call(block, method, data)));
  });

  it("answers a storage read with a proof of the values (and of an absent key)", async () => {
    const block = server.chain.genesisHash;
    const keys = [
      storagePrefix("Grandpa", "CurrentSetId"),
      WELL_KNOWN_KEYS.grandpaAuthorities,
      new Uint8Array([9, 9]),
    ];
    const { kind, proof } = await client.network.lightRequest(server.network.peerId, {
      kind: "read",
      block,
      keys,
    });
    expect(kind).toBe("read");
    const values = verifyProof(server.chain.header(block)!.stateRoot, proof, keys);
    const host = server.chain.host(server.chain.stateAt(block));
    const hex = (v: Uint8Array | undefined) => (v === undefined ? undefined : toHex(v));
    for (const key of keys) expect(hex(values.get(toHex(key) as never))).toBe(hex(host.storageGet(key)));
    expect(hex(values.get(toHex(keys[2]!) as never))).toBeUndefined();
    expect(hex(values.get(toHex(keys[1]!) as never))).toMatch(/^0x01/); // the versioned authority list
  });

  it("leaves a request for an unknown block unanswered, and keeps serving", async () => {
    const request = {
      kind: "read" as const,
      block: new Uint8Array(32).fill(7),
      keys: [WELL_KNOWN_KEYS.code],
    };
    await expect(client.network.lightRequest(server.network.peerId, request)).rejects.toThrow();
    expect(client.network.peers()).toHaveLength(1);
    const ok = await client.network.lightRequest(server.network.peerId, {
      kind: "read",
      block: server.chain.genesisHash,
      keys: [WELL_KNOWN_KEYS.heapPages],
    });
    expect(ok.proof.length).toBeGreaterThan(0);
  });

  it("refuses an oversized read and a child read outside the default prefix, at a cost to the asker", async () => {
    const peer = client.network.peerId;
    const before = server.network.reputationOf(peer);
    const tooMany = Array.from({ length: MAX_LIGHT_READ_KEYS + 1 }, (_, i) => Uint8Array.of(i >> 8, i & 255));
    const block = server.chain.genesisHash;
    await expect(
      client.network.lightRequest(server.network.peerId, { kind: "read", block, keys: tooMany }),
    ).rejects.toThrow();
    const afterOversized = server.network.reputationOf(peer);
    expect(afterOversized).toBeLessThan(before);
    await expect(
      client.network.lightRequest(server.network.peerId, {
        kind: "readChild",
        block,
        storageKey: WELL_KNOWN_KEYS.code,
        keys: [Uint8Array.of(1)],
      }),
    ).rejects.toThrow();
    expect(server.network.reputationOf(peer)).toBeLessThan(afterOversized);
    // A small cost: the peer stays connected and is answered.
    expect(client.network.peers()).toHaveLength(1);
    const ok = await client.network.lightRequest(server.network.peerId, {
      kind: "read",
      block,
      keys: [WELL_KNOWN_KEYS.heapPages],
    });
    expect(ok.kind).toBe("read");
  });

  it("refuses to ask a peer it is not connected to", async () => {
    const request = { kind: "read" as const, block: server.chain.genesisHash, keys: [WELL_KNOWN_KEYS.code] };
    await expect(
      client.network.lightRequest("12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp", request),
    ).rejects.toThrow(NetworkError);
  });
});
