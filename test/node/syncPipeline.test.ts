/**
 * Sync over libp2p into the node's import pipeline: a response larger than a stream's default
 * read buffer (4 MiB) once made the follower drop its peer and stall; blocks are now imported
 * through the ImportQueue with signatures verified on a worker thread, to the same chain.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { devKeypair, initCrypto, SharedVerifier } from "@canary/crypto";
import { Chain, ImportQueue, Network, openDatabase } from "@canary/node";
import { compactU32, concatBytes, toHex } from "@canary/primitives";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../packages/node/src/service/logger.ts";
import { RelayChain, relayBundle } from "../relay/harness.ts";
import { signedCall } from "../support/transfer.ts";

const BLOCKS = 8;
const REMARK = 700_000; // 8 blocks: 5.6 MB in one response
let author: RelayChain;
const cleanups: Array<() => unknown> = [];

beforeAll(async () => {
  await initCrypto();
  author = new RelayChain((await relayBundle()).code);
}, 60_000);

afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function freshChain(): Chain {
  const path = mkdtempSync(join(tmpdir(), "canary-sync-pipeline-"));
  const db = openDatabase({ path, chain: { genesisHash: author.genesisHash, chainId: "x" }, sync: false });
  cleanups.push(
    () => rmSync(path, { recursive: true, force: true }),
    () => db.close(),
  );
  return new Chain({ db, executor: author.executor, genesis: author.genesis });
}

describe("sync into the import pipeline", () => {
  it("syncs blocks whose response exceeds a stream's default buffer, through the queue", async () => {
    const serving = freshChain();
    for (let b = 0; b < BLOCKS; b++) {
      const remark = new Uint8Array(REMARK).fill(b);
      const call = concatBytes(Uint8Array.of(0, 0), compactU32.enc(REMARK), remark); // System.remark
      const { block, results } = author.buildBlock([
        signedCall(author.genesisHash, devKeypair("Alice"), call, { nonce: b }),
      ]);
      expect(results).toEqual(["0x0000"]);
      serving.importBlock(block);
    }
    const following = freshChain();
    const verifier = new SharedVerifier({ workers: 1 });
    cleanups.push(() => verifier.close());
    const queue = new ImportQueue(following, { verifier });
    const quiet = createLogger("error", () => {});
    const server = await Network.start({
      nodeKey: new Uint8Array(32).fill(1),
      listen: ["/ip4/127.0.0.1/tcp/0"],
      bootnodes: [],
      chain: serving,
      authority: true,
      log: quiet,
    });
    cleanups.push(() => server.stop());
    const follower = await Network.start({
      nodeKey: new Uint8Array(32).fill(2),
      listen: [],
      bootnodes: [server.listenAddresses()[0]!],
      chain: following,
      authority: false,
      log: quiet,
      importBlock: (block) => queue.import(block),
    });
    cleanups.push(() => follower.stop());
    const deadline = Date.now() + 30_000;
    while (following.best().number < BLOCKS && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(following.best().number).toBe(BLOCKS);
    expect(toHex(following.best().hash)).toBe(toHex(serving.best().hash));
    expect(follower.peers()).toHaveLength(1); // the peer was kept
  }, 60_000);
});
