/**
 * The node's chain, authorship and transaction pool over a real LMDB database and the relay
 * bundle: blocks authored with pool transactions, imported by another node, forks and reorgs,
 * bad blocks refused without a trace, restarts, and the pool's verdicts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  devKeypair,
  findBabePreDigest,
  initCrypto,
  type Keypair,
  SharedVerifier,
  SignatureVerifier,
} from "@canary/crypto";
import { AccountNonceApi } from "@canary/frame";
import {
  apiAt,
  type BabeConsensus,
  BlockAuthor,
  babeConsensus,
  buildGenesisInMemory,
  Chain,
  type Database,
  Executor,
  type Genesis,
  ImportQueue,
  isInvalidBlock,
  openDatabase,
  type TransactionPool as Pool,
  PoolError,
  preverify,
  TransactionPool,
  type TransactionStatus,
  validateOnChain,
} from "@canary/node";
import {
  type BabePreDigest,
  type Block,
  blockHash,
  decodeExtrinsic,
  encodeExtrinsic,
  toHex,
} from "@canary/primitives";
import { orderedTrieRoot, trieRoot } from "@canary/trie";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEV_ACCOUNTS } from "../../runtimes/relay/src/index.ts";
import { relayBundle } from "../relay/harness.ts";
import { resealed } from "../support/babe.ts";
import { freeBalance } from "../support/state.ts";
import { signedTransfer } from "../support/transfer.ts";

let code: Uint8Array;
let genesis: Genesis;
let local: Genesis;
const alice = () => devKeypair("Alice");
const dirs: string[] = [];
const dbs: Database[] = [];

beforeAll(async () => {
  await initCrypto();
  code = (await relayBundle()).code;
  const executor = new Executor();
  genesis = buildGenesisInMemory(executor, code, { preset: "development" });
  local = buildGenesisInMemory(executor, code, { preset: "local_testnet" });
}, 60_000);

afterEach(async () => {
  for (const db of dbs.splice(0)) await db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Node {
  path: string;
  db: Database;
  chain: Chain;
  pool: Pool;
  author: BlockAuthor;
  clock: { now: number };
  babe: BabeConsensus;
}

function node(
  path = mkdtempSync(join(tmpdir(), "canary-chain-")),
  key: Keypair = alice(),
  pruning: number | "archive" = 256,
  from: Genesis = genesis,
): Node {
  if (!dirs.includes(path)) dirs.push(path);
  const db = openDatabase({
    path,
    chain: { genesisHash: blockHash(from.header), chainId: "canary_dev" },
    sync: false,
  });
  dbs.push(db);
  const babe = babeConsensus(() => chain, { keys: [key] });
  const chain: Chain = new Chain({
    db,
    executor: new Executor(),
    genesis: from,
    verifier: babe.verifier,
    pruning,
  });
  const pool = new TransactionPool({
    validate: validateOnChain(chain),
    bestNumber: () => chain.best().number,
  });
  const clock = { now: 1_700_000_000_000 };
  const author = new BlockAuthor({
    chain,
    pool,
    claims: babe.claimer,
    now: () => {
      clock.now += 6_000;
      return clock.now;
    },
  });
  return { path, db, chain, pool, author, clock, babe };
}

function transfer(chain: Chain, from: Keypair, to: Uint8Array, amount: bigint, nonce: number, tip = 0n) {
  return signedTransfer(chain.genesisHash, from, to, amount, { nonce, tip });
}

describe("chain, authorship and pool", () => {
  it("authors blocks with pool transactions; another node imports them to the same state", () => {
    const a = node();
    const xt = transfer(a.chain, alice(), DEV_ACCOUNTS.Bob, 10n ** 12n, 0);
    const statuses: TransactionStatus["type"][] = [];
    const tx = a.pool.submit(xt);
    a.pool.watch(tx.hash, (s) => statuses.push(s.type));
    const bobBefore = freeBalance(a.chain, DEV_ACCOUNTS.Bob);
    const first = a.author.author();
    expect(first.block.extrinsics).toHaveLength(2); // timestamp + transfer
    expect(a.pool.size).toBe(0);
    expect(statuses).toEqual(["inBlock"]);
    expect(freeBalance(a.chain, DEV_ACCOUNTS.Bob)).toBe(bobBefore + 10n ** 12n);
    const second = a.author.author();
    expect(a.chain.best()).toEqual({ hash: second.imported.hash, number: 2 });
    a.chain.finalize(second.imported.hash);
    expect(a.chain.finalized().number).toBe(2);

    const b = node();
    for (const { block } of [first, second]) b.chain.importBlock(block);
    expect(toHex(b.chain.best().hash)).toBe(toHex(second.imported.hash));
    expect(freeBalance(b.chain, DEV_ACCOUNTS.Bob)).toBe(bobBefore + 10n ** 12n);
  });

  it("imports with signatures verified ahead on worker threads, to the same state", async () => {
    const a = node();
    for (let i = 0; i < 3; i++) a.pool.submit(transfer(a.chain, alice(), DEV_ACCOUNTS.Bob, 10n ** 12n, i));
    const { block } = a.author.author();
    const b = node();
    const verifier = new SignatureVerifier({ workers: 1 });
    try {
      const verified = await preverify(b.chain, block, verifier);
      expect(verified.size).toBe(3);
      const imported = b.chain.importBlock(block, undefined, verified);
      expect(toHex(imported.header.stateRoot)).toBe(toHex(block.header.stateRoot));
    } finally {
      await verifier.close();
    }
  });

  it("keeps forks, moves the best chain to the higher one, and rewrites the canonical hashes", () => {
    const a = node();
    const b = node();
    b.clock.now += 1_000; // a different timestamp: a different block 1
    const a1 = a.author.author().block;
    const b1 = b.author.author().block;
    const b2 = b.author.author().block;
    const c = node();
    c.chain.importBlock(a1);
    expect(toHex(c.chain.blocks.hashAt(1)!)).toBe(toHex(blockHash(a1.header)));
    const tie = c.chain.importBlock(b1);
    expect(tie.best).toBe(false); // the first seen wins a tie
    expect(c.chain.blocks.hashesAt(1)).toHaveLength(2);
    expect(c.chain.importBlock(b2).best).toBe(true);
    expect(toHex(c.chain.blocks.hashAt(1)!)).toBe(toHex(blockHash(b1.header)));
    expect(toHex(c.chain.blocks.hashAt(2)!)).toBe(toHex(blockHash(b2.header)));
  });

  it("refuses a block with an unknown parent, a foreign seal or a wrong state root, storing nothing", () => {
    const a = node();
    const good = a.author.author().block;
    const c = node();
    const bobAuthor = node(undefined, devKeypair("Bob"));
    // Only Alice is an authority: Bob's node has no slot to claim, and his seal on her claim is refused.
    expect(() => bobAuthor.author.author()).toThrow(/no slot of ours/);
    const forged = resealed(good, devKeypair("Bob"));
    expect(() => c.chain.importBlock(forged)).toThrow(/not authority #0's signature/);
    expect(bobAuthor.chain.best().number).toBe(0);
    const orphan = { ...good, header: { ...good.header, parentHash: new Uint8Array(32).fill(9) } };
    expect(() => c.chain.importBlock(orphan)).toThrow(/parent .* is not known/);
    const tampered = { ...good, header: { ...good.header, stateRoot: new Uint8Array(32).fill(1) } };
    expect(() => c.chain.importBlock(tampered)).toThrow(/seal is not authority/); // the seal covers the root
    expect(c.chain.best().number).toBe(0);
    expect(c.chain.blocks.hashesAt(1)).toEqual([]);
    c.chain.importBlock(good);
    expect(c.chain.best().number).toBe(1);
  });

  it("authors by BABE claims among four authorities, and refuses a claim, seal, slot or epoch change that does not hold", () => {
    const a = node(undefined, alice(), 256, local);
    const b = node(undefined, devKeypair("Bob"), 256, local);
    const one = a.author.author().block;
    b.chain.importBlock(one);
    const two = b.author.author().block;
    a.chain.importBlock(two);
    const [p1, p2] = [findBabePreDigest(one.header), findBabePreDigest(two.header)];
    expect([p1.value.authorityIndex, p2.value.authorityIndex]).toEqual([0, 1]);
    expect(p2.value.slot > p1.value.slot).toBe(true);
    // Kusama's epochs allow primary and secondary VRF claims only.
    expect(["Primary", "SecondaryVRF"]).toContain(p1.tag);

    const c = node(undefined, alice(), 256, local);
    const refused = (block: Block, why: RegExp, code: string) => {
      expect(() => c.chain.importBlock(block)).toThrow(why);
      try {
        c.chain.importBlock(block);
      } catch (e) {
        expect((e as { code: string }).code).toBe(code);
      }
    };
    // The VRF proof is over the slot: claiming another slot with it fails.
    const moved = { ...p1, value: { ...p1.value, slot: p1.value.slot + 1n } } as BabePreDigest;
    refused(
      resealed(one, alice(), { preDigest: moved }),
      /VRF proof|secondary slot|primary threshold/,
      "BLOCK_BAD_CLAIM",
    );
    // A plain secondary claim where the epoch allows only VRF ones.
    const plain: BabePreDigest = { tag: "SecondaryPlain", value: { authorityIndex: 0, slot: p1.value.slot } };
    refused(resealed(one, alice(), { preDigest: plain }), /not allowed/, "BLOCK_BAD_CLAIM");
    // Block #1 starts the first epoch and must announce the next.
    refused(
      resealed(one, alice(), { edit: (items) => items.filter((d) => d.tag !== "Consensus") }),
      /does not announce the next one/,
      "BLOCK_BAD_EPOCH_CHANGE",
    );
    expect(c.chain.best().number).toBe(0);
    c.chain.importBlock(one);
    // Bob's claim moved to a slot before his parent's.
    const early = { ...p2, value: { ...p2.value, slot: p1.value.slot } } as BabePreDigest;
    refused(
      resealed(two, devKeypair("Bob"), { preDigest: early }),
      /does not come after its parent's slot/,
      "BLOCK_WRONG_SLOT",
    );
    expect(c.chain.best().number).toBe(1);
    c.chain.importBlock(two);
    expect(c.chain.best().number).toBe(2);
  });

  it("refuses a slot too far ahead of the local clock", () => {
    const a = node();
    const block = a.author.author().block; // the author's clock is a slot or more ahead
    const dir = mkdtempSync(join(tmpdir(), "canary-chain-"));
    dirs.push(dir);
    const db = openDatabase({
      path: dir,
      chain: { genesisHash: blockHash(genesis.header), chainId: "canary_dev" },
    });
    dbs.push(db);
    const slot = findBabePreDigest(block.header).value.slot;
    // The clock's time at the end of slot `s`.
    const clock = { now: 0 };
    const behind = babeConsensus(() => chain, { maxFutureSlots: 1n, now: () => clock.now });
    const chain: Chain = new Chain({ db, executor: new Executor(), genesis, verifier: behind.verifier });
    // Two slots behind the author: refused (Substrate allows one slot of drift)...
    clock.now = Number((slot - 1n) * 6_000n) - 1;
    expect(() => chain.importBlock(block)).toThrow(
      new RegExp(
        `slot ${slot} is more than 1 slot\\(s\\) ahead of this node's clock \\(slot ${slot - 2n}, slots of 6000 ms\\)`,
      ),
    );
    expect(chain.best().number).toBe(0);
    // ... one slot behind: accepted.
    clock.now += 1;
    chain.importBlock(block);
    expect(chain.best().number).toBe(1);
  });

  it("chooses the fork with more primary blocks over a longer one", () => {
    const [a, b, c] = [node(), node(), node()];
    const g = a.chain.header(a.chain.genesisHash)!;
    const kind = (slot: bigint) => a.babe.claimer.claim(slot, g, a.chain.genesisHash)!.preDigest.tag;
    let p = 1_000n;
    while (kind(p) !== "Primary") p++;
    let s1 = 2_000n;
    while (kind(s1) === "Primary" || kind(s1 + 1n) === "Primary") s1++;
    // Each author's clock moves one slot before each block: start them a slot early.
    a.clock.now = Number((p - 1n) * 6_000n);
    b.clock.now = Number((s1 - 1n) * 6_000n);
    const primary = a.author.author().block;
    const [sec1, sec2] = [b.author.author().block, b.author.author().block];
    expect([primary, sec1, sec2].map((blk) => findBabePreDigest(blk.header).tag)).toEqual([
      "Primary",
      "SecondaryVRF",
      "SecondaryVRF",
    ]);
    c.chain.importBlock(sec1);
    expect(c.chain.importBlock(sec2).best).toBe(true);
    // One primary block outweighs two secondary ones: the best chain becomes the shorter fork.
    expect(c.chain.importBlock(primary).best).toBe(true);
    expect(c.chain.best()).toEqual({ hash: blockHash(primary.header), number: 1 });
    expect(c.chain.weight(blockHash(primary.header))).toBe(1);
    expect(c.chain.blocks.hashAt(2)).toBeUndefined();
  });

  it("continues after a restart from the same best and finalized blocks", async () => {
    const a = node();
    a.author.author();
    const two = a.author.author();
    a.chain.finalize(two.imported.hash);
    const root = a.chain.header(two.imported.hash)!.stateRoot;
    await a.db.close();
    dbs.splice(dbs.indexOf(a.db), 1);
    const again = node(a.path);
    expect(again.chain.best()).toEqual({ hash: two.imported.hash, number: 2 });
    expect(again.chain.finalized().number).toBe(2);
    expect(toHex(again.chain.header(again.chain.best().hash)!.stateRoot)).toBe(toHex(root));
    expect(again.author.author().imported.number).toBe(3);
  });
});

describe("transaction pool", () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof PoolError) return [e.rpcCode, e.data];
      throw e;
    }
    return undefined;
  };

  it("gives each refusal its author-RPC code and keeps future nonces until they are ready", () => {
    const a = node();
    const { chain, pool } = a;
    const bob = DEV_ACCOUNTS.Bob;
    const bad = transfer(chain, alice(), bob, 10n ** 12n, 0).map((x, i, arr) =>
      i === arr.length - 30 ? x ^ 1 : x,
    );
    expect(code(() => pool.submit(bad))).toEqual([1010, "Transaction has a bad signature"]);
    expect(code(() => pool.submit(bad))).toEqual([1012, expect.stringContaining("invalid recently")]);
    const zero = transfer(chain, alice(), bob, 10n ** 12n, 0);
    const first = pool.submit(zero);
    expect(code(() => pool.submit(zero))).toEqual([1013, expect.any(String)]);
    const two = pool.submit(transfer(chain, alice(), bob, 10n ** 12n, 2));
    expect(pool.isReady(two)).toBe(false);
    const one = pool.submit(transfer(chain, alice(), bob, 10n ** 12n, 1));
    expect(pool.ready().map((t) => toHex(t.hash))).toEqual([first, one, two].map((t) => toHex(t.hash)));
    // Same nonce, same tip: refused; a higher tip replaces it.
    expect(code(() => pool.submit(transfer(chain, alice(), bob, 2n * 10n ** 12n, 1)))).toEqual([
      1014,
      expect.any(String),
    ]);
    const richer = pool.submit(transfer(chain, alice(), bob, 2n * 10n ** 12n, 1, 10n ** 9n));
    expect(pool.pending().map((t) => toHex(t.hash))).toContain(toHex(richer.hash));
    expect(pool.pending().map((t) => toHex(t.hash))).not.toContain(toHex(one.hash));
    // A stale nonce, in Substrate's words.
    const built = a.author.author();
    expect(built.block.extrinsics).toHaveLength(4);
    expect(code(() => pool.submit(transfer(chain, alice(), bob, 10n ** 12n, 0, 7n)))).toEqual([
      1010,
      "Transaction is outdated",
    ]);
    expect(pool.size).toBe(0);
    expect(apiAt(chain, chain.best().hash, AccountNonceApi).account_nonce(alice().publicKey)).toBe(3);
  });
});

describe("state pruning", () => {
  /** Reads a whole state through the node store and checks it hashes to the header's root. */
  function stateIsWhole(chain: Chain, hash: Uint8Array): boolean {
    const host = chain.host(chain.stateAt(hash));
    const entries: Array<[Uint8Array, Uint8Array]> = [];
    for (let k = host.storageNextKey(new Uint8Array()); k; k = host.storageNextKey(k))
      entries.push([k, host.storageGet(k)!]);
    return toHex(trieRoot(entries, 1)) === toHex(chain.header(hash)!.stateRoot);
  }
  const nodeCount = (n: Node) => [...n.db.keys("trieNode")].length;

  it("keeps the last N finalized states whole, drops older ones, and bounds the stored nodes", () => {
    const a = node(undefined, alice(), 2);
    const hashes: Uint8Array[] = [a.chain.genesisHash];
    for (let i = 0; i < 4; i++) {
      const { imported } = a.author.author();
      a.pool.submit(transfer(a.chain, alice(), DEV_ACCOUNTS.Bob, 10n ** 12n, i));
      a.chain.finalize(imported.hash);
      hashes.push(imported.hash);
    }
    const afterFour = nodeCount(a);
    for (let i = 4; i < 12; i++) {
      const { imported } = a.author.author();
      a.pool.submit(transfer(a.chain, alice(), DEV_ACCOUNTS.Bob, 10n ** 12n, i));
      a.chain.finalize(imported.hash);
      hashes.push(imported.hash);
    }
    // Finalized #12 keeps #11 and #12 (2 states); #10 and older are gone.
    expect(() => a.chain.stateAt(hashes[10]!)).toThrow(/state of block #10 was pruned/);
    expect(() => a.chain.stateAt(hashes[0]!)).toThrow(/pruned/);
    expect(stateIsWhole(a.chain, hashes[11]!)).toBe(true);
    expect(stateIsWhole(a.chain, hashes[12]!)).toBe(true);
    // Twice the blocks, about the same number of nodes: only changes since the window are kept.
    expect(nodeCount(a)).toBeLessThan(afterFour * 1.2);
  });

  it("keeps every state in archive mode", () => {
    const a = node(undefined, alice(), "archive");
    const hashes = [a.chain.genesisHash];
    for (let i = 0; i < 4; i++) {
      const { imported } = a.author.author();
      a.chain.finalize(imported.hash);
      hashes.push(imported.hash);
    }
    for (const h of hashes) expect(stateIsWhole(a.chain, h)).toBe(true);
  });

  it("finality decides forks: a finalized block off the best chain becomes it; forks that left below it are refused", () => {
    const a = node();
    const b = node();
    b.clock.now += 1_000; // a different timestamp: a different block 1
    const a1 = a.author.author().block;
    const a2 = a.author.author().block;
    const b1 = b.author.author().block;
    const c = node();
    c.chain.importBlock(b1);
    c.chain.importBlock(a1);
    c.chain.importBlock(a2);
    expect(toHex(c.chain.best().hash)).toBe(toHex(blockHash(a2.header))); // the longer fork
    // GRANDPA finalizes b1: c's best chain moves to b1's branch.
    c.chain.finalize(blockHash(b1.header));
    expect(c.chain.finalized()).toEqual({ hash: blockHash(b1.header), number: 1 });
    expect(toHex(c.chain.best().hash)).toBe(toHex(blockHash(b1.header)));
    expect(toHex(c.chain.blocks.hashAt(1)!)).toBe(toHex(blockHash(b1.header)));
    expect(c.chain.blocks.hashAt(2)).toBeUndefined();
    // a's fork above the finalized height, but not through it, can never be part of the chain.
    const a3 = a.author.author().block;
    // (a2, above the finalized height, is still stored: pruning drops only what finality passed.)
    expect(c.chain.header(blockHash(a2.header))).toBeDefined();
    expect(() => c.chain.importBlock(a3)).toThrow(
      expect.objectContaining({ code: "CHAIN_NOT_IN_FINALIZED_CHAIN" }),
    );
    expect(c.chain.header(blockHash(a3.header))).toBeUndefined();
    expect(toHex(c.chain.best().hash)).toBe(toHex(blockHash(b1.header)));
  });

  it("deletes forks that finality passed, with their state, and refuses blocks below finality", () => {
    const a = node(undefined, alice(), 1);
    const b = node();
    b.clock.now += 1_000;
    const fork = b.author.author().block;
    const main1 = a.author.author();
    a.chain.importBlock(fork);
    expect(a.chain.blocks.hashesAt(1)).toHaveLength(2);
    const main2 = a.author.author();
    a.chain.finalize(main2.imported.hash);
    expect(a.chain.blocks.hashesAt(1).map(toHex)).toEqual([toHex(main1.imported.hash)]);
    expect(a.chain.header(blockHash(fork.header))).toBeUndefined();
    expect(stateIsWhole(a.chain, main2.imported.hash)).toBe(true);
    expect(() => a.chain.importBlock(fork)).toThrow(/at or below the finalized #2/);
  });
});

describe("the import queue (signatures verified beside execution)", () => {
  const workers: SharedVerifier[] = [];
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.close();
  });
  const shared = (n: number) => {
    const w = new SharedVerifier({ workers: n });
    workers.push(w);
    return w;
  };

  /** Three blocks of transfers from Alice, authored on their own node. */
  function transferBlocks(count = 3, perBlock = 4): Block[] {
    const a = node();
    const blocks: Block[] = [];
    let nonce = 0;
    for (let b = 0; b < count; b++) {
      for (let i = 0; i < perBlock; i++)
        a.pool.submit(transfer(a.chain, alice(), DEV_ACCOUNTS.Bob, 10n ** 12n, nonce++));
      blocks.push(a.author.author().block);
    }
    return blocks;
  }

  /** `block` with extrinsic `index`'s signature spoiled (extrinsics root fixed, sealed again). */
  function spoiled(block: Block, index: number): Block {
    const xt = decodeExtrinsic(block.extrinsics[index]!);
    const signature = xt.signed!.signature.value.slice();
    signature[3]! ^= 1;
    const extrinsics = block.extrinsics.slice();
    extrinsics[index] = encodeExtrinsic({
      ...xt,
      signed: { ...xt.signed!, signature: { tag: "Sr25519", value: signature } },
    });
    const header = { ...block.header, extrinsicsRoot: orderedTrieRoot(extrinsics, 0) };
    return resealed({ header, extrinsics }, alice());
  }

  it("imports blocks in order, with a worker verifying, to the same roots as a direct import", async () => {
    const blocks = transferBlocks();
    const direct = node();
    for (const block of blocks) direct.chain.importBlock(block);
    const b = node();
    const queue = new ImportQueue(b.chain, { verifier: shared(1) });
    const imported = await Promise.all(blocks.map((block) => queue.import(block)));
    expect(imported.map((i) => i.number)).toEqual([1, 2, 3]);
    expect(imported.map((i) => toHex(i.header.stateRoot))).toEqual(
      blocks.map((k) => toHex(k.header.stateRoot)),
    );
    expect(toHex(b.chain.best().hash)).toBe(toHex(direct.chain.best().hash));
    expect(freeBalance(b.chain, DEV_ACCOUNTS.Bob)).toBe(freeBalance(direct.chain, DEV_ACCOUNTS.Bob));
    expect(queue.length).toBe(0);
  });

  it.each([1, 2, 4])(
    "refuses a block whose extrinsic %i has a bad signature, and its child, changing nothing",
    async (index) => {
      const [first, second] = transferBlocks(2, 4);
      const bad = spoiled(first!, index);
      const b = node();
      const queue = new ImportQueue(b.chain, { verifier: shared(1), lookahead: 2 });
      const results = await Promise.allSettled([queue.import(bad), queue.import(second!)]);
      expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
      expect(isInvalidBlock((results[0] as PromiseRejectedResult).reason)).toBe(true);
      expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/BadProof|invalid|signature/i);
      expect(b.chain.best().number).toBe(0);
      expect(b.chain.blocks.hashesAt(1)).toEqual([]);
      // The good block still imports afterwards.
      expect((await queue.import(first!)).number).toBe(1);
    },
  );

  it("authors through the queue: pool transactions' signatures verified on its workers, a block another node imports", () => {
    const a = node();
    const b = node();
    const queue = new ImportQueue(b.chain, { verifier: shared(1) });
    let answered = 0;
    const verifyAhead = queue.verifyAhead.bind(queue);
    queue.verifyAhead = (extrinsics, at) => {
      const verdicts = verifyAhead(extrinsics, at);
      if (!verdicts) return verdicts;
      const has = verdicts.has.bind(verdicts);
      verdicts.has = (...args) => {
        const ok = has(...args);
        if (ok) answered++;
        return ok;
      };
      return verdicts;
    };
    const author = new BlockAuthor({
      chain: b.chain,
      pool: b.pool,
      claims: b.babe.claimer,
      now: () => (b.clock.now += 6_000),
      imports: queue,
    });
    const before = freeBalance(b.chain, DEV_ACCOUNTS.Bob);
    for (let i = 0; i < 10; i++) b.pool.submit(transfer(b.chain, alice(), DEV_ACCOUNTS.Bob, 10n ** 12n, i));
    const piped = author.author();
    expect(piped.block.extrinsics.length).toBe(11);
    expect(answered).toBe(10); // every transfer's check answered from the workers' verdicts
    expect(b.chain.best().number).toBe(1);
    expect(freeBalance(b.chain, DEV_ACCOUNTS.Bob)).toBe(before + 10n * 10n ** 12n);
    // Another node, verifying every signature itself, comes to the same state.
    const imported = a.chain.importBlock(piped.block);
    expect(toHex(imported.header.stateRoot)).toBe(toHex(piped.imported.header.stateRoot));
  });

  it("validates a peer's batch of transactions with signatures verified ahead; a bad one is still refused", () => {
    const a = node();
    const queue = new ImportQueue(a.chain, { verifier: shared(1) });
    const txs = Array.from({ length: 10 }, (_, i) =>
      transfer(a.chain, alice(), DEV_ACCOUNTS.Bob, 10n ** 12n, i),
    );
    const xt = decodeExtrinsic(txs[6]!);
    const signature = xt.signed!.signature.value.slice();
    signature[9]! ^= 1;
    txs[6] = encodeExtrinsic({
      ...xt,
      signed: { ...xt.signed!, signature: { tag: "Sr25519", value: signature } },
    });
    const best = a.chain.best();
    const batch = queue.verifyAhead(txs, { number: best.number + 1, parentHash: best.hash })!;
    const pool = new TransactionPool({
      validate: validateOnChain(a.chain, { verified: () => batch }),
      bestNumber: () => a.chain.best().number,
    });
    const verdicts = txs.map((tx) => {
      try {
        pool.submit(tx);
        return "ok";
      } catch (e) {
        return (e as PoolError).rpcCode;
      }
    });
    expect(verdicts).toEqual(["ok", "ok", "ok", "ok", "ok", "ok", 1010, "ok", "ok", "ok"]);
    expect(batch.remaining()).toBe(0);
  });

  it("imports with no workers, and after its workers stopped, verifying on the main thread", async () => {
    const blocks = transferBlocks(2, 2);
    const gone = shared(1);
    await gone.close();
    for (const verifier of [undefined, shared(0), gone]) {
      const b = node();
      const queue = new ImportQueue(b.chain, { verifier });
      for (const block of blocks) await queue.import(block);
      expect(b.chain.best().number).toBe(2);
    }
  });
});
