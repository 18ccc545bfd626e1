/**
 * The node's import pipeline (ImportQueue) on its own and under sync: blocks resolve in the order
 * queued; workers that cannot start, or a closed queue, never stall or blame a block; and sync
 * with several blocks' verification ahead reports a peer only for an invalid block, never for the
 * node's own failure.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { devKeypair, initCrypto, SharedVerifier } from "@canary/crypto";
import {
  Chain,
  ChainSync,
  DbError,
  ImportQueue,
  importFault,
  isInvalidBlock,
  type Offence,
  openDatabase,
  type SyncPeer,
} from "@canary/node";
import {
  type Block,
  blockHash,
  decodeExtrinsic,
  encodeExtrinsic,
  type Header,
  toHex,
} from "@canary/primitives";
import { orderedTrieRoot } from "@canary/trie";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerBlockRequest } from "../../packages/node/src/network/blockServer.ts";
import { createLogger } from "../../packages/node/src/service/logger.ts";
import { DEV_ACCOUNTS } from "../../runtimes/relay/src/index.ts";
import { RelayChain, relayBundle } from "../relay/harness.ts";
import { signedTransfer } from "../support/transfer.ts";
import { until } from "../support/until.ts";

const PER_BLOCK = 10;
let author: RelayChain;
const blocks: Block[] = [];
const cleanups: Array<() => unknown> = [];

beforeAll(async () => {
  await initCrypto();
  author = new RelayChain((await relayBundle()).code);
  let nonce = 0;
  for (let b = 0; b < 4; b++) {
    const xts = Array.from({ length: PER_BLOCK }, () =>
      signedTransfer(author.genesisHash, devKeypair("Alice"), DEV_ACCOUNTS.Bob, 10n ** 12n, {
        nonce: nonce++,
      }),
    );
    const { block, results } = author.buildBlock(xts);
    expect(results.every((r) => r === "0x0000")).toBe(true);
    blocks.push(block);
  }
}, 60_000);

afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function freshChain(): Chain {
  const path = mkdtempSync(join(tmpdir(), "canary-import-pipeline-"));
  const db = openDatabase({ path, chain: { genesisHash: author.genesisHash, chainId: "x" }, sync: false });
  cleanups.push(
    () => rmSync(path, { recursive: true, force: true }),
    () => db.close(),
  );
  return new Chain({ db, executor: author.executor, genesis: author.genesis });
}

function workers(n: number): SharedVerifier {
  const v = new SharedVerifier({ workers: n });
  cleanups.push(() => v.close());
  return v;
}

/** `block` with extrinsic `index`'s signature spoiled (its extrinsics root fixed; no seal here). */
function spoiled(block: Block, index: number): Block {
  const xt = decodeExtrinsic(block.extrinsics[index]!);
  const signature = xt.signed!.signature.value.slice();
  signature[7]! ^= 1;
  const extrinsics = block.extrinsics.slice();
  extrinsics[index] = encodeExtrinsic({
    ...xt,
    signed: { ...xt.signed!, signature: { tag: "Sr25519", value: signature } },
  });
  return { header: { ...block.header, extrinsicsRoot: orderedTrieRoot(extrinsics, 0) }, extrinsics };
}

describe("the import queue", () => {
  it("resolves blocks in the order queued, each with its own import; a child queued before its parent is refused, not reordered", async () => {
    const chain = freshChain();
    const queue = new ImportQueue(chain, { verifier: workers(1), lookahead: 2 });
    const order: number[] = [];
    const imports = blocks.slice(0, 3).map((b) =>
      queue.import(b).then((imported) => {
        order.push(imported.number);
        return imported;
      }),
    );
    const imported = await Promise.all(imports);
    expect(order).toEqual([1, 2, 3]);
    expect(imported.map((i) => toHex(i.hash))).toEqual(
      blocks.slice(0, 3).map((b) => toHex(blockHash(b.header))),
    );
    expect(imported.map((i) => toHex(i.header.stateRoot))).toEqual(
      blocks.slice(0, 3).map((b) => toHex(b.header.stateRoot)),
    );

    const other = freshChain();
    const q = new ImportQueue(other, { verifier: workers(1) });
    const [child, parent] = await Promise.allSettled([q.import(blocks[1]!), q.import(blocks[0]!)]);
    expect(child.status).toBe("rejected");
    expect((child as PromiseRejectedResult).reason).toMatchObject({ code: "CHAIN_UNKNOWN_PARENT" });
    expect(parent).toMatchObject({ status: "fulfilled", value: { number: 1 } });
  });

  it("refuses a block whose parent it refused, and lets other blocks through", async () => {
    const chain = freshChain();
    const queue = new ImportQueue(chain, { verifier: workers(1) });
    const results = await Promise.allSettled([
      queue.import(blocks[0]!),
      queue.import(spoiled(blocks[1]!, PER_BLOCK)), // its last transfer
      queue.import(blocks[2]!), // the good #2's child: its parent is not the spoiled one
      queue.import(blocks[1]!),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    expect(isInvalidBlock((results[1] as PromiseRejectedResult).reason)).toBe(true);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: "CHAIN_UNKNOWN_PARENT" });
    expect(chain.best().number).toBe(2);
    expect(toHex(chain.best().hash)).toBe(toHex(blockHash(blocks[1]!.header)));
  });

  it("imports on the main thread when its workers cannot start, saying so once", async () => {
    const chain = freshChain();
    const failures: unknown[] = [];
    const queue = new ImportQueue(chain, {
      verifier: () => {
        throw new Error("no threads left");
      },
      onVerifierFailure: (e) => failures.push(e),
    });
    const imported = await Promise.all(blocks.slice(0, 2).map((b) => queue.import(b)));
    expect(imported.map((i) => i.number)).toEqual([1, 2]);
    expect(failures).toHaveLength(1);
    expect(String(failures[0])).toMatch(/no threads left/);
    expect(
      queue.verifyAhead(blocks[2]!.extrinsics, { number: 3, parentHash: blockHash(blocks[1]!.header) }),
    ).toBe(undefined);
  });

  it("does not stall when its worker dies mid-job: that block imports, later ones on the main thread", async () => {
    const chain = freshChain();
    const dying = new SharedVerifier({
      workers: 1,
      workerScript: new URL("../../packages/crypto/src/sharedVerifyWorker.dying.fixture.ts", import.meta.url),
    });
    cleanups.push(() => dying.close());
    const failures: unknown[] = [];
    const queue = new ImportQueue(chain, { verifier: dying, onVerifierFailure: (e) => failures.push(e) });
    const first = await queue.import(blocks[0]!);
    expect(toHex(first.header.stateRoot)).toBe(toHex(blocks[0]!.header.stateRoot));
    await until("the worker is gone", () => dying.failure !== undefined);
    const rest = await Promise.all(blocks.slice(1, 3).map((b) => queue.import(b)));
    expect(rest.map((i) => i.number)).toEqual([2, 3]);
    expect(failures).toHaveLength(1);
    expect(String(failures[0])).toMatch(/exited with code 3/);
  });

  it("once closed, refuses queued and later blocks as its own doing (CHAIN_IMPORT_STOPPED), not theirs", async () => {
    const chain = freshChain();
    const queue = new ImportQueue(chain, { verifier: workers(1) });
    const pending = blocks.slice(0, 3).map((b) => queue.import(b));
    queue.close();
    const results = await Promise.allSettled([...pending, queue.import(blocks[3]!)]);
    for (const r of results) {
      expect(r.status).toBe("rejected");
      const reason = (r as PromiseRejectedResult).reason;
      expect(reason).toMatchObject({ code: "CHAIN_IMPORT_STOPPED" });
      expect(isInvalidBlock(reason)).toBe(false);
    }
    await queue.idle();
    expect(chain.best().number).toBe(0);
  });

  it("verifies a batch of transactions ahead, as the runtime will check them in the next block", () => {
    const chain = freshChain();
    const queue = new ImportQueue(chain, { verifier: workers(1) });
    const txs = blocks[0]!.extrinsics.slice(1); // the transfers, not the timestamp inherent
    const verdicts = queue.verifyAhead(txs, { number: 1, parentHash: chain.genesisHash })!;
    expect(verdicts.size).toBe(PER_BLOCK);
    expect(verdicts.all().every(Boolean)).toBe(true);
    // Too few to pay for the workers: the runtime verifies them.
    expect(queue.verifyAhead(txs.slice(0, 2), { number: 1, parentHash: chain.genesisHash })).toBe(undefined);
  });
});

/** A peer serving `chain` (genesis first) from memory, as a node's block server answers. */
function servingPeer(peerId: string, chain: Block[]) {
  const all: Block[] = [{ header: author.genesis.header, extrinsics: [] }, ...chain];
  const byHash = new Map(all.map((b) => [toHex(blockHash(b.header)), b]));
  const store = {
    header: (hash: Uint8Array): Header | undefined => byHash.get(toHex(hash))?.header,
    body: (hash: Uint8Array) => byHash.get(toHex(hash))?.extrinsics,
    hashAt: (n: number) => (all[n] ? blockHash(all[n].header) : undefined),
    justifications: () => undefined,
  };
  const best = all[all.length - 1]!.header;
  const peer: SyncPeer = { peerId, bestNumber: best.number, bestHash: blockHash(best) };
  return {
    peer,
    answer: (request: Parameters<typeof answerBlockRequest>[1]) => answerBlockRequest(store, request),
  };
}

function syncInto(chain: Chain, queue: ImportQueue, served: ReturnType<typeof servingPeer>) {
  const reports: Array<{ peer: string; offence: Offence; error: unknown }> = [];
  const sync = new ChainSync({
    source: { peers: () => [served.peer], request: async (_, request) => served.answer(request) },
    chain: {
      best: () => chain.best(),
      has: (hash) => chain.blocks.has(hash),
      importBlock: (block) => queue.import(block),
      importFault,
    },
    log: createLogger("error", () => {}),
    report: (peer, offence, error) => reports.push({ peer, offence, error }),
  });
  return { sync, reports };
}

describe("sync through the import queue, verification ahead", () => {
  it("reports a peer once, for its invalid block (a bad signature), keeping the blocks before it", async () => {
    const chain = freshChain();
    const queue = new ImportQueue(chain, { verifier: workers(1), lookahead: 4 });
    const bad = spoiled(blocks[1]!, 5); // a transfer in the middle of #2
    const { sync, reports } = syncInto(chain, queue, servingPeer("liar", [blocks[0]!, bad]));
    await sync.wake();
    expect(reports.map((r) => [r.peer, r.offence])).toEqual([["liar", "badBlock"]]);
    expect(isInvalidBlock(reports[0]!.error)).toBe(true);
    expect(chain.best().number).toBe(1);
    expect(chain.blocks.hashesAt(2)).toEqual([]);
  });

  it("does not blame the peer for the node's own failure (its database): the run ends, the next one imports", async () => {
    const chain = freshChain();
    const queue = new ImportQueue(chain, { verifier: workers(1), lookahead: 4 });
    const importBlock = chain.importBlock.bind(chain);
    let failures = 0;
    chain.importBlock = (block, executed, verified) => {
      if (block.header.number === 2 && failures++ === 0)
        throw new DbError("DB_WRITE_FAILED", "the disk is full", { cause: new Error("ENOSPC") });
      return importBlock(block, executed, verified);
    };
    const { sync, reports } = syncInto(chain, queue, servingPeer("honest", blocks));
    await sync.wake();
    expect(reports).toEqual([]);
    expect(chain.best().number).toBe(1);
    await sync.wake();
    expect(reports).toEqual([]);
    expect(chain.best().number).toBe(blocks.length);
    expect(toHex(chain.best().hash)).toBe(toHex(blockHash(blocks[blocks.length - 1]!.header)));
  });
});
