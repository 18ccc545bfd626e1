/**
 * BABE on the node, on blocks its own BlockAuthor builds over the relay runtime: every refusal of
 * the import checks (each with its code), epoch changes with skipped epochs under a fake clock,
 * and fork choice by primary weight kept across a restart.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  babeVrfSign,
  devKeypair,
  findBabePreDigest,
  initCrypto,
  type Keypair,
  secondarySlotAuthor,
} from "@canary/crypto";
import { BabeApi } from "@canary/frame";
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
  openDatabase,
  TransactionPool,
  validateOnChain,
} from "@canary/node";
import {
  BABE_ENGINE_ID,
  BabeConsensusLog,
  type BabePreDigest,
  type Block,
  blockHash,
  consensusItem,
  type DigestItem,
  toHex,
} from "@canary/primitives";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { relayBundle } from "../relay/harness.ts";
import { resealed } from "../support/babe.ts";

const SLOT = 6_000;
const EPOCH = 600n;
let dev: Genesis;
let local: Genesis;
let alice: Keypair;
const dirs: string[] = [];
const dbs: Database[] = [];

beforeAll(async () => {
  await initCrypto();
  alice = devKeypair("Alice");
  const code = (await relayBundle()).code;
  const executor = new Executor();
  dev = buildGenesisInMemory(executor, code, { preset: "development" });
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
  babe: BabeConsensus;
  author: BlockAuthor;
  /** The node's clock: the author's and the import checks'. */
  clock: { now: number };
  /** Authors in `slot` (the clock moves to its start). */
  authorAt(slot: bigint): Block;
}

function node(
  from: Genesis = dev,
  key: Keypair = alice,
  path = mkdtempSync(join(tmpdir(), "canary-babe-")),
): Node {
  if (!dirs.includes(path)) dirs.push(path);
  const db = openDatabase({
    path,
    chain: { genesisHash: blockHash(from.header), chainId: "babe" },
    sync: false,
  });
  dbs.push(db);
  // Well after every slot these tests use, unless a test sets it.
  const clock = { now: 100_000 * SLOT };
  const babe = babeConsensus(() => chain, { keys: [key ?? alice], maxFutureSlots: 1n, now: () => clock.now });
  const chain: Chain = new Chain({ db, executor: new Executor(), genesis: from, verifier: babe.verifier });
  const pool = new TransactionPool({
    validate: validateOnChain(chain),
    bestNumber: () => chain.best().number,
  });
  const author = new BlockAuthor({ chain, pool, claims: babe.claimer, now: () => clock.now });
  const authorAt = (slot: bigint) => {
    clock.now = Number(slot) * SLOT;
    return author.author().block;
  };
  return { path, db, chain, babe, author, clock, authorAt };
}

/** The import of `block` by `into` fails with `code` and a message matching `why`. */
function refused(into: Node, block: Block, code: string, why: RegExp): void {
  let error: unknown;
  try {
    into.chain.importBlock(block);
  } catch (e) {
    error = e;
  }
  expect(error).toMatchObject({ code, message: expect.stringMatching(why) });
  expect(into.chain.header(blockHash(block.header))).toBeUndefined();
}

const babeLog = (log: BabeConsensusLog): DigestItem =>
  consensusItem(BABE_ENGINE_ID, BabeConsensusLog.enc(log));
const isBabeLog = (tag: BabeConsensusLog["tag"]) => (d: DigestItem) =>
  d.tag === "Consensus" &&
  toHex(d.value.engine) === toHex(BABE_ENGINE_ID) &&
  BabeConsensusLog.dec(d.value.data).tag === tag;
/** The first slot from `from` on whose claim by `n` satisfies `want`. */
function slotWhere(n: Node, from: bigint, want: (tag: BabePreDigest["tag"] | undefined) => boolean): bigint {
  const best = n.chain.best();
  const parent = n.chain.header(best.hash)!;
  for (let slot = from; ; slot++) {
    if (want(n.babe.claimer.claim(slot, parent, best.hash)?.preDigest.tag)) return slot;
  }
}

describe("BABE import checks", () => {
  it("refuse a seal that is missing, not last, or not the claimed author's", () => {
    const a = node();
    const good = a.authorAt(1_000n);
    const b = node();
    const forged = resealed(good, devKeypair("Bob"));
    refused(b, forged, "BLOCK_BAD_SEAL", /block #1: the seal is not authority #0's signature/);
    const unsealed = { ...good, header: { ...good.header, digest: good.header.digest.slice(0, -1) } };
    refused(b, unsealed, "BLOCK_BAD_SEAL", /does not end with a BABE seal/);
    const seal = good.header.digest.at(-1)!;
    const sealFirst = {
      ...good,
      header: { ...good.header, digest: [seal, ...good.header.digest.slice(0, -1)] },
    };
    refused(b, sealFirst, "BLOCK_BAD_SEAL", /does not end with a BABE seal/);
    b.chain.importBlock(good);
    expect(b.chain.best().number).toBe(1);
  });

  it("refuse a VRF proof that does not verify, and a primary claim over the threshold", () => {
    const a = node();
    // Alice alone: a slot she claims only as the (sole) secondary author, her VRF output over c = 1/4.
    const slot = slotWhere(a, 1_000n, (tag) => tag === "SecondaryVRF");
    const block = a.authorAt(slot);
    const pre = findBabePreDigest(block.header) as Extract<BabePreDigest, { tag: "SecondaryVRF" }>;
    const b = node();
    const proof = pre.value.vrfSignature.proof.slice();
    proof[0]! ^= 1;
    const badProof: BabePreDigest = {
      tag: "SecondaryVRF",
      value: { ...pre.value, vrfSignature: { ...pre.value.vrfSignature, proof } },
    };
    refused(b, resealed(block, alice, { preDigest: badProof }), "BLOCK_BAD_CLAIM", /BABE_BAD_VRF_PROOF/);
    // The same (valid) VRF output claimed as primary: over the threshold.
    const overThreshold: BabePreDigest = { tag: "Primary", value: pre.value };
    refused(
      b,
      resealed(block, alice, { preDigest: overThreshold }),
      "BLOCK_BAD_CLAIM",
      new RegExp(
        `BABE_OVER_THRESHOLD: the VRF output of authority 0 for slot ${slot} is over its primary threshold`,
      ),
    );
    b.chain.importBlock(block);
    expect(b.chain.weight(blockHash(block.header))).toBe(0); // a secondary block weighs nothing
  });

  it("refuse a secondary claim by another than the slot's secondary author, and a forbidden slot type", () => {
    const a = node(local);
    const block = a.authorAt(slotWhere(a, 1_000n, (tag) => tag !== undefined));
    // A later slot whose secondary author is not Alice (#0), claimed by her with a valid VRF proof.
    const randomness = new Uint8Array(32); // the genesis epoch's
    let slot = findBabePreDigest(block.header).value.slot + 1n;
    while (secondarySlotAuthor(slot, randomness, 4) === 0) slot++;
    const { signature } = babeVrfSign(alice, { randomness, slot, epochIndex: 0n });
    const notHers: BabePreDigest = {
      tag: "SecondaryVRF",
      value: { authorityIndex: 0, slot, vrfSignature: signature },
    };
    const b = node(local);
    b.clock.now = Number(slot) * SLOT;
    refused(
      b,
      resealed(block, alice, { preDigest: notHers }),
      "BLOCK_BAD_CLAIM",
      new RegExp(
        `BABE_BAD_SECONDARY_AUTHOR: slot ${slot} belongs to authority ${secondarySlotAuthor(slot, randomness, 4)} as a secondary slot, not 0`,
      ),
    );
    // Kusama's epochs allow secondary VRF claims only: a plain one is refused even from the right author.
    const plain: BabePreDigest = {
      tag: "SecondaryPlain",
      value: { authorityIndex: secondarySlotAuthor(slot, randomness, 4)!, slot },
    };
    refused(b, resealed(block, alice, { preDigest: plain }), "BLOCK_BAD_CLAIM", /BABE_FORBIDDEN_SLOT_TYPE/);
  });

  it("refuse a slot not after the parent's, or more than a slot ahead of the local clock", () => {
    const a = node();
    const one = a.authorAt(1_000n);
    const two = a.authorAt(1_001n);
    const b = node();
    b.clock.now = 1_001 * SLOT;
    b.chain.importBlock(one);
    const pre = findBabePreDigest(two.header);
    const same = { ...pre, value: { ...pre.value, slot: 1_000n } } as BabePreDigest;
    refused(
      b,
      resealed(two, alice, { preDigest: same }),
      "BLOCK_WRONG_SLOT",
      /slot 1000 does not come after its parent's slot 1000/,
    );
    b.clock.now = 999 * SLOT; // two slots behind the author's
    refused(
      b,
      two,
      "BLOCK_FUTURE_SLOT",
      /slot 1001 is more than 1 slot\(s\) ahead of this node's clock \(slot 999, slots of 6000 ms\)/,
    );
    b.clock.now = 1_000 * SLOT; // one behind: Substrate's allowance
    b.chain.importBlock(two);
    expect(b.chain.best().number).toBe(2);
  });

  it("refuse two claims, two epoch announcements or configurations, and an announcement inside an epoch", () => {
    const a = node();
    const one = a.authorAt(1_000n);
    const two = a.authorAt(1_001n);
    const b = node();
    b.clock.now = 1_001 * SLOT;
    const announcement = one.header.digest.find(isBabeLog("NextEpochData"))!;
    const twice = resealed(one, alice, { edit: (items) => [...items, announcement] });
    refused(
      b,
      twice,
      "BLOCK_BAD_EPOCH_CHANGE",
      /block #1 announces the next epoch or its configuration twice/,
    );
    const config = babeLog({
      tag: "NextConfigData",
      value: { tag: "V1", value: { c: [1n, 4n], allowedSlots: "PrimarySlots" } },
    });
    const configTwice = resealed(one, alice, { edit: (items) => [...items, config, config] });
    refused(b, configTwice, "BLOCK_BAD_EPOCH_CHANGE", /announces the next epoch or its configuration twice/);
    const claim = one.header.digest.find((d) => d.tag === "PreRuntime")!;
    const twoClaims = resealed(one, alice, { edit: (items) => [claim, ...items] });
    refused(
      b,
      twoClaims,
      "BLOCK_BAD_PRE_DIGEST",
      /BABE_MULTIPLE_PRE_DIGESTS: block #1 has 2 BABE pre-digests/,
    );
    b.chain.importBlock(one);
    const inside = resealed(two, alice, { edit: (items) => [...items, announcement] });
    refused(b, inside, "BLOCK_BAD_EPOCH_CHANGE", /block #2 announces a next epoch inside epoch 0/);
    b.chain.importBlock(two);
  });
});

describe("epochs", () => {
  it("change after an epoch's slots, announce the next, and skip the epochs the chain was down for", () => {
    const a = node();
    const start = 1_000n; // the genesis slot: epoch 0 is [1000, 1600)
    const blocks = [a.authorAt(start), a.authorAt(start + 1n)];
    const epochAt = (n: Node) => apiAt(n.chain, n.chain.best().hash, BabeApi).current_epoch();
    expect(epochAt(a)).toMatchObject({ epochIndex: 0n, startSlot: start });
    // Epoch 1: its first block announces epoch 2.
    blocks.push(a.authorAt(start + EPOCH + 3n));
    expect(epochAt(a)).toMatchObject({ epochIndex: 1n, startSlot: start + EPOCH });
    const next = apiAt(a.chain, a.chain.best().hash, BabeApi).next_epoch();
    // Down for all of epoch 2: the next block, in epoch 3, uses epoch 2's data re-indexed.
    const late = start + 3n * EPOCH + 5n;
    const parent = a.chain.best();
    const resolved = a.babe.epochs.epochFor(a.chain.header(parent.hash)!, parent.hash, late);
    expect(resolved).toMatchObject({ epochIndex: 3n, startSlot: start + 3n * EPOCH, startsEpoch: true });
    expect(toHex(resolved.randomness)).toBe(toHex(next.randomness));
    blocks.push(a.authorAt(late));
    // The runtime agrees: epoch 3 from the slot, with the randomness the node claimed with.
    const current = epochAt(a);
    expect(current).toMatchObject({ epochIndex: 3n, startSlot: start + 3n * EPOCH });
    expect(toHex(current.randomness)).toBe(toHex(next.randomness));
    const announces = blocks.map((b) => b.header.digest.some(isBabeLog("NextEpochData")));
    expect(announces).toEqual([true, false, true, true]);

    // Another node checks every claim in its epoch, and refuses an epoch's first block without
    // its announcement (Substrate's "missing epoch change").
    const b = node();
    b.clock.now = Number(late) * SLOT;
    for (const block of blocks.slice(0, 3)) b.chain.importBlock(block);
    const silent = resealed(blocks[3]!, alice, {
      edit: (items) => items.filter((d) => !isBabeLog("NextEpochData")(d)),
    });
    refused(
      b,
      silent,
      "BLOCK_BAD_EPOCH_CHANGE",
      /block #4 starts epoch 3 but does not announce the next one/,
    );
    b.chain.importBlock(blocks[3]!);
    expect(toHex(b.chain.best().hash)).toBe(toHex(a.chain.best().hash));
  });
});

describe("fork choice", () => {
  it("prefers more primary blocks to more blocks, and keeps that choice across a restart", async () => {
    const a = node();
    const primarySlot = slotWhere(a, 1_000n, (tag) => tag === "Primary");
    const primary = a.authorAt(primarySlot);
    const b = node();
    let s = 2_000n;
    while (
      [s, s + 1n, s + 2n].some(
        (x) =>
          b.babe.claimer.claim(x, b.chain.header(b.chain.genesisHash)!, b.chain.genesisHash)?.preDigest
            .tag === "Primary",
      )
    )
      s++;
    const longer = [b.authorAt(s)];
    longer.push(b.authorAt(s + 1n));
    expect(longer.map((x) => findBabePreDigest(x.header).tag)).toEqual(["SecondaryVRF", "SecondaryVRF"]);
    const c = node();
    c.clock.now = Number(s + 2n) * SLOT;
    for (const x of longer) c.chain.importBlock(x);
    expect(c.chain.best().number).toBe(2);
    expect(c.chain.importBlock(primary).best).toBe(true);
    expect(c.chain.best()).toEqual({ hash: blockHash(primary.header), number: 1 });
    await c.db.close();
    dbs.splice(dbs.indexOf(c.db), 1);
    const again = node(dev, undefined, c.path);
    expect(again.chain.best()).toEqual({ hash: blockHash(primary.header), number: 1 });
    expect(again.chain.weight(blockHash(primary.header))).toBe(1);
    // A third secondary block makes the longer fork longer still, not heavier.
    again.clock.now = Number(s + 2n) * SLOT;
    expect(again.chain.importBlock(b.authorAt(s + 2n)).best).toBe(false);
    expect(again.chain.best().number).toBe(1);
  });
});
