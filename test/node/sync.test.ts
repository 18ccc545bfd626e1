/**
 * Chain sync over real chains, without libp2p: a follower's `ChainSync` asks an in-memory block
 * source that answers from an authoring chain's block store, and imports each block with full
 * execution of the relay runtime. An invalid block costs the peer; the node's own failure does not.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { devKeypair, initCrypto, sealBabeHeader } from "@canary/crypto";
import {
  answerBlockRequest,
  type BabeClaimer,
  BlockAuthor,
  type BlockSource,
  babeConsensus,
  buildGenesisInMemory,
  Chain,
  ChainSync,
  type Database,
  Executor,
  type Genesis,
  importFault,
  type Offence,
  openDatabase,
  type SyncPeer,
  TransactionPool,
  validateOnChain,
} from "@canary/node";
import { type Block, blockHash, Header, toHex } from "@canary/primitives";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../packages/node/src/service/logger.ts";
import { DEV_ACCOUNTS } from "../../runtimes/relay/src/index.ts";

/** Each test chain's BABE claims, with Alice's key (the dev chain's one authority). */
const claimers = new Map<Chain, BabeClaimer>();

import { relayBundle } from "../relay/harness.ts";
import { freeBalance } from "../support/state.ts";
import { signedTransfer } from "../support/transfer.ts";

let genesis: Genesis;
const cleanups: Array<() => unknown> = [];

beforeAll(async () => {
  await initCrypto();
  genesis = buildGenesisInMemory(new Executor(), (await relayBundle()).code, { preset: "development" });
}, 60_000);

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function chain(): { chain: Chain; db: Database } {
  const path = mkdtempSync(join(tmpdir(), "canary-sync-"));
  const db = openDatabase({
    path,
    chain: { genesisHash: blockHash(genesis.header), chainId: "canary_dev" },
    sync: false,
  });
  cleanups.push(
    () => rmSync(path, { recursive: true, force: true }),
    () => db.close(),
  );
  const babe = babeConsensus(() => chain, { keys: [devKeypair("Alice")] });
  const chain: Chain = new Chain({ db, executor: new Executor(), genesis, verifier: babe.verifier });
  claimers.set(chain, babe.claimer);
  return { chain, db };
}

function author(c: Chain): { builder: BlockAuthor; pool: TransactionPool } {
  const pool = new TransactionPool({
    validate: validateOnChain(c),
    bestNumber: () => c.best().number,
  });
  let now = 1_700_000_000_000;
  return {
    builder: new BlockAuthor({ chain: c, pool, claims: claimers.get(c)!, now: () => (now += 6_000) }),
    pool,
  };
}

/** A peer serving `from`'s blocks, claiming `best` (its best block by default). */
function peer(from: Chain, best = from.best()): SyncPeer & BlockSource {
  const self = {
    peerId: "peer",
    bestNumber: best.number,
    bestHash: best.hash,
    peers: () => [self],
    request: async (_: SyncPeer, request: Parameters<BlockSource["request"]>[1]) =>
      answerBlockRequest(from.blocks, request),
  };
  return self;
}

function follow(follower: Chain, source: BlockSource) {
  const reports: Array<{ offence: Offence; error: unknown }> = [];
  const lines: string[] = [];
  const sync = new ChainSync({
    source,
    chain: {
      best: () => follower.best(),
      has: (hash) => follower.blocks.has(hash),
      importBlock: (block: Block) => void follower.importBlock(block),
      importFault,
    },
    log: createLogger("warn", (l) => lines.push(l)),
    report: (_, offence, error) => reports.push({ offence, error }),
  });
  return { sync, reports, lines };
}

describe("chain sync over real chains", () => {
  it("imports an authored chain block by block, executing each, to the same state", async () => {
    const a = chain();
    const { builder, pool } = author(a.chain);
    const bob = DEV_ACCOUNTS.Bob;
    const before = freeBalance(a.chain, bob);
    builder.author();
    // A transfer in block #2, so that the follower's execution has something to agree on.
    pool.submit(signedTransfer(a.chain.genesisHash, devKeypair("Alice"), bob, 10n ** 12n, { nonce: 0 }));
    for (let i = 0; i < 4; i++) builder.author();
    expect(a.chain.blocks.block(a.chain.blocks.hashAt(2)!)!.extrinsics).toHaveLength(2);

    const b = chain();
    const { sync, reports } = follow(b.chain, peer(a.chain));
    await sync.wake();
    expect(reports).toEqual([]);
    expect(b.chain.best().number).toBe(5);
    for (let n = 1; n <= 5; n++) {
      const [x, y] = [a.chain.blocks.hashAt(n)!, b.chain.blocks.hashAt(n)!];
      expect(toHex(y)).toBe(toHex(x));
      expect(toHex(b.chain.header(y)!.stateRoot)).toBe(toHex(a.chain.header(x)!.stateRoot));
    }
    expect(freeBalance(b.chain, bob)).toBe(before + 10n ** 12n);
  });

  it("reports a peer whose block fails execution, and not the node's own database failure", async () => {
    const a = chain();
    const { builder } = author(a.chain);
    const real = builder.author().block;
    // Block #1 resealed by Alice with a wrong state root: the seal is good, execution is not.
    const unsealed = {
      ...real.header,
      digest: real.header.digest.slice(0, -1),
      stateRoot: new Uint8Array(32).fill(1),
    };
    const bad = { header: sealBabeHeader(unsealed, devKeypair("Alice")), extrinsics: real.extrinsics };
    const liar: SyncPeer & BlockSource = {
      peerId: "peer",
      bestNumber: 1,
      bestHash: blockHash(bad.header),
      peers: () => [liar],
      request: async () => [
        { hash: blockHash(bad.header), header: Header.enc(bad.header), body: bad.extrinsics },
      ],
    };
    const b = chain();
    const refused = follow(b.chain, liar);
    await refused.sync.wake();
    expect(refused.reports).toEqual([
      { offence: "badBlock", error: expect.objectContaining({ code: "RUNTIME_PANIC" }) },
    ]);
    expect(b.chain.best().number).toBe(0);

    // The follower's own database fails under it: the honest peer is not blamed.
    const c = chain();
    const failing = follow(c.chain, peer(a.chain));
    await c.db.close();
    await failing.sync.wake();
    expect(failing.reports).toEqual([]);
    expect(failing.lines.join("\n")).toMatch(/sync: .*closed/);
  });
});
