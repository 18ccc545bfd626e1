// The import pipeline's figures (issue 14), all in one run: blocks of N transfer_keep_alive calls
// between distinct accounts, imported into the node's Chain over LMDB (durable writes) the way the
// node imports them (ImportQueue: signatures verified on worker threads beside execution), against
// the rate at which this machine's cores verify those signatures, against the direct import
// without verification ahead (the path every block took before), against execution alone, and
// synced over TCP from a peer against direct import of the same blocks.
//
// Usage: node bench/importPipeline.ts [transfers per block = 5000] [blocks to sync = 50]
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import {
  initCrypto,
  SharedVerifier,
  SignatureVerifier,
  sr25519KeypairFromSeed,
  sr25519Sign,
  sr25519Verify,
} from "@canary/crypto";
import { CoreApi } from "@canary/frame";
import {
  apiAt,
  blockSignatureChecks,
  Chain,
  ImportQueue,
  Network,
  openDatabase,
  VerifiedSignatureSet,
} from "@canary/node";
import { type Block, blockHash, encodeUtf8, toHex } from "@canary/primitives";
import { createLogger } from "../packages/node/src/service/logger.ts";
import { RelayChain, relayBundle } from "../test/relay/harness.ts";
import { signedTransfer } from "../test/support/transfer.ts";
import { transferAccounts } from "./fixtures/transferAccounts.ts";
import { type BenchRow, opsPerSecond, report } from "./report.ts";

const PER_BLOCK = Number(process.argv[2] ?? 5_000);
const SYNC_BLOCKS = Number(process.argv[3] ?? 50);
const UNITS = 1_000_000_000_000n;
const cores = availableParallelism();

await initCrypto();
const rows: BenchRow[] = [];
const { code } = await relayBundle();
const dirs: string[] = [];

const { senders, receivers } = transferAccounts(PER_BLOCK);
const entries = [...senders.map((k) => k.publicKey), ...receivers].map(
  (key) => `["${toHex(key)}", ${1_000_000n * UNITS}]`,
);
const author = new RelayChain(code, {
  config: encodeUtf8(`{"balances":{"balances":[${entries.join(",")}]}}`),
});

/** A fresh node chain over LMDB (durable, as a node writes) on the benchmark's genesis. */
function freshChain(): Chain {
  const path = mkdtempSync(join(tmpdir(), "canary-pipeline-"));
  dirs.push(path);
  const db = openDatabase({
    path,
    chain: { genesisHash: author.genesisHash, chainId: "bench" },
    sync: true,
  });
  return new Chain({ db, executor: author.executor, genesis: author.genesis });
}

// Blocks are authored in-process; the author knows its own signatures are good, so it skips them.
console.error(`authoring ${SYNC_BLOCKS} blocks of ${PER_BLOCK} transfers…`);
const reference = freshChain();
const blocks: Block[] = [];
for (let b = 0; b < SYNC_BLOCKS; b++) {
  const xts = senders.map((s, i) =>
    signedTransfer(author.genesisHash, s, receivers[i]!, UNITS, { nonce: b }),
  );
  const draft: Block = {
    header: { ...author.head, parentHash: blockHash(author.head), number: b + 1 },
    extrinsics: xts,
  };
  const known = new VerifiedSignatureSet();
  const version = apiAt(reference, blockHash(author.head), CoreApi).version();
  for (const c of blockSignatureChecks(reference, draft, version))
    known.add(c.signature, c.message, c.publicKey);
  author.hostOptions = { verified: known };
  const { block, results } = author.buildBlock(xts);
  const failed = results.filter((r) => r !== "0x0000").length;
  if (failed > 0) throw new Error(`block ${b + 1}: ${failed} transfers not applied`);
  blocks.push(block);
  reference.importBlock(block, undefined, known); // keeps the reference chain's headers for era births
}
const first = blocks[0]!;

console.error("measuring verification…");
// --- the bounds: one core, and every core, verifying these signatures ---
const sample = sr25519KeypairFromSeed(new Uint8Array(32).fill(7));
const message = new Uint8Array(120).fill(1);
const signature = sr25519Sign(sample, message);
const oneCore = opsPerSecond(() => {
  if (!sr25519Verify(signature, message, sample.publicKey)) throw new Error("valid signature refused");
});
const checks = blockSignatureChecks(
  reference,
  first,
  apiAt(reference, first.header.parentHash, CoreApi).version(),
);
if (checks.length !== PER_BLOCK)
  throw new Error(`${checks.length} checks rebuilt for ${PER_BLOCK} transfers`);
const pool = new SignatureVerifier({ workers: cores });
await pool.verify(checks); // warm up
let allCores = 0;
for (let r = 0; r < 3; r++) {
  const start = performance.now();
  const verdicts = await pool.verify(checks);
  if (verdicts.some((v) => !v)) throw new Error("a valid signature was refused");
  allCores = Math.max(allCores, (checks.length * 1000) / (performance.now() - start));
}
await pool.close();
rows.push(
  { name: "sr25519 verify, 1 thread", value: oneCore, unit: "verifications/s" },
  {
    name: `sr25519 verify, all ${cores} cores (worker pool, the block's checks)`,
    value: allCores,
    unit: "verifications/s",
  },
);

console.error("importing one block three ways…");
// --- one block, three ways, each on a fresh chain; best of three ---
const best = async (run: () => Promise<number>) => {
  await run(); // warm up
  return Math.min(await run(), await run(), await run());
};
const direct = await best(async () => {
  const chain = freshChain();
  const start = performance.now();
  chain.importBlock(first);
  const ms = performance.now() - start;
  await chain.db.close();
  return ms;
});
const verified = new VerifiedSignatureSet();
for (const c of checks) verified.add(c.signature, c.message, c.publicKey);
const alone = await best(async () => {
  const chain = freshChain();
  const start = performance.now();
  chain.importBlock(first, undefined, verified);
  const ms = performance.now() - start;
  await chain.db.close();
  return ms;
});
// The node's pool: cores − 1 workers (the main thread is the last one) against one per core.
const counts = [...new Set([Math.max(1, cores - 1), cores])];
const piped = new Map<number, number>();
for (const n of counts) {
  const pool = new SharedVerifier({ workers: n });
  piped.set(
    n,
    await best(async () => {
      const chain = freshChain();
      const queue = new ImportQueue(chain, { verifier: pool });
      const start = performance.now();
      await queue.import(first);
      const ms = performance.now() - start;
      await chain.db.close();
      return ms;
    }),
  );
  await pool.close();
}
const workers = Math.max(1, cores - 1);
const shared = new SharedVerifier({ workers });
const rate = (ms: number) => (PER_BLOCK * 1000) / ms;
rows.push(
  ...counts.map((n) => {
    const ms = piped.get(n)!;
    return {
      name: `block of ${PER_BLOCK} transfers: the node's import pipeline (${n} worker${n > 1 ? "s" : ""} + main)`,
      value: rate(ms),
      unit: "tx/s",
      note: `${ms.toFixed(0)} ms; ${(rate(ms) / allCores).toFixed(2)}× all-core verify (goal ≥ 0.8), ${(rate(ms) / rate(direct)).toFixed(2)}× direct (goal ≥ 2)`,
    };
  }),
  {
    name: `block of ${PER_BLOCK} transfers: direct import, the runtime verifies`,
    value: rate(direct),
    unit: "tx/s",
    note: `${direct.toFixed(0)} ms`,
  },
  {
    name: `block of ${PER_BLOCK} transfers: execution alone (verified before, LMDB write included)`,
    value: (alone * 1000) / PER_BLOCK,
    unit: "µs/transfer",
    note: `${alone.toFixed(0)} ms; goal ≤ 150 µs`,
  },
);

console.error(`importing ${SYNC_BLOCKS} blocks, then syncing them…`);
// --- many blocks: through the pipeline directly, and synced over TCP from a peer ---
const target = freshChain();
const queue = new ImportQueue(target, { verifier: shared });
const startImport = performance.now();
await Promise.all(blocks.map((block) => queue.import(block)));
const importSeconds = (performance.now() - startImport) / 1000;
console.error(`imported in ${importSeconds.toFixed(1)} s; syncing…`);
const follower = freshChain();
const syncSeconds = await syncTime(target, follower, new ImportQueue(follower, { verifier: shared }));
rows.push(
  {
    name: `import ${SYNC_BLOCKS} blocks of ${PER_BLOCK} transfers through the pipeline`,
    value: (SYNC_BLOCKS * PER_BLOCK) / importSeconds,
    unit: "tx/s",
    note: `${((importSeconds * 1000) / SYNC_BLOCKS).toFixed(0)} ms per block`,
  },
  {
    name: `sync the same ${SYNC_BLOCKS} blocks from a peer over TCP`,
    value: (SYNC_BLOCKS * PER_BLOCK) / syncSeconds,
    unit: "tx/s",
    note: `${(importSeconds / syncSeconds).toFixed(2)}× direct import (goal ≥ 0.9)`,
  },
);
await shared.close();
await target.db.close();
await reference.db.close();

/** Seconds until `chain` has synced `from`'s best block over TCP, importing through `queue`. */
async function syncTime(from: Chain, chain: Chain, queue: ImportQueue): Promise<number> {
  const node = (
    seed: number,
    c: Chain,
    listen: string[],
    bootnodes: string[],
    importBlock?: (b: Block) => Promise<unknown>,
  ) =>
    Network.start({
      nodeKey: new Uint8Array(32).fill(seed),
      listen,
      bootnodes,
      chain: c,
      authority: seed === 1,
      log: createLogger("error", () => {}),
      ...(importBlock ? { importBlock } : {}),
    });
  const serving = await node(1, from, ["/ip4/127.0.0.1/tcp/0"], []);
  const started = performance.now();
  const follower = await node(2, chain, [], [serving.listenAddresses()[0]!], (b) => queue.import(b));
  const goal = from.best().number;
  let shown = performance.now();
  const deadline = started + 30 * 60_000;
  while (chain.best().number < goal) {
    if (performance.now() > deadline) throw new Error(`sync stalled at #${chain.best().number} of #${goal}`);
    await new Promise((r) => setTimeout(r, 5));
    if (performance.now() - shown > 10_000) {
      console.error(`… synced #${chain.best().number} of #${goal}, ${queue.length} queued`);
      shown = performance.now();
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await follower.stop();
  await serving.stop();
  await chain.db.close();
  return seconds;
}

for (const d of dirs) rmSync(d, { recursive: true, force: true });
// Other processes share this machine's cores: the figures above are only as good as this.
rows.push({ name: "load average over the last minute, at the end", value: loadavg()[0]!, unit: "runnable" });
report("import-pipeline", rows);
