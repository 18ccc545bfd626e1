// The node's figures (issue 4): importing blocks of transfers through the chain with LMDB writes,
// and syncing them from a peer over TCP; JSON-RPC requests per second over one and many connections, and memory when idle and with
// 100,000 funded accounts.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@canary/bundler";
import { initCrypto, type Keypair, SignatureVerifier } from "@canary/crypto";
import {
  BlockAuthor,
  buildGenesisInMemory,
  Chain,
  Executor,
  type Genesis,
  Network,
  openDatabase,
  preverify,
  TransactionPool,
  validateOnChain,
} from "@canary/node";
import { blockHash, encodeUtf8, toHex } from "@canary/primitives";
import { WebSocket } from "ws";
import { CanaryNode } from "../packages/node/src/service/canaryNode.ts";
import { createLogger } from "../packages/node/src/service/logger.ts";
import { relayBundle } from "../test/relay/harness.ts";
import { aliceBabe, aliceSession } from "../test/support/babe.ts";
import { signedTransfer } from "../test/support/transfer.ts";
import { transferAccounts } from "./fixtures/transferAccounts.ts";
import { type BenchRow, report } from "./report.ts";

const UNITS = 1_000_000_000_000n;
const BLOCKS = 5;
const PER_BLOCK = 1_000;
const rows: BenchRow[] = [];
await initCrypto();
const { code } = await relayBundle();
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "canary-bench-"));
  dirs.push(d);
  return d;
};

function genesisWith(accounts: Uint8Array[]): Genesis {
  const entries = accounts.map((k) => `["${toHex(k)}", ${1_000n * UNITS}]`).join(",");
  const config = encodeUtf8(`{"balances":{"balances":[${entries}]},${aliceSession()}}`);
  return buildGenesisInMemory(new Executor(), code, { config });
}

function chainOn(genesis: Genesis, sync: boolean): Chain {
  const db = openDatabase({
    path: tmp(),
    chain: { genesisHash: blockHash(genesis.header), chainId: "bench" },
    sync,
  });
  const chain: Chain = new Chain({
    db,
    executor: new Executor(),
    genesis,
    verifier: aliceBabe(() => chain).verifier,
  });
  return chain;
}

function transfer(genesisHash: Uint8Array, from: Keypair, to: Uint8Array, nonce: number): Uint8Array {
  return signedTransfer(genesisHash, from, to, UNITS, { nonce });
}

// --- import through the chain, database writes included ---
{
  const { senders, receivers } = transferAccounts(PER_BLOCK, 0xbb);
  const genesis = genesisWith([...senders.map((s) => s.publicKey), ...receivers]);
  const author = chainOn(genesis, false);
  const pool = new TransactionPool({
    validate: validateOnChain(author),
    bestNumber: () => author.best().number,
    limits: { ready: 100_000, readyBytes: 1 << 30 },
  });
  let clock = 1_700_000_000_000;
  const builder = new BlockAuthor({
    chain: author,
    pool,
    claims: aliceBabe(() => author).claimer,
    now: () => (clock += 6_000),
  });
  const blocks = [];
  for (let b = 0; b < BLOCKS; b++) {
    for (let i = 0; i < PER_BLOCK; i++)
      pool.submit(transfer(author.genesisHash, senders[i]!, receivers[i]!, b));
    const { block } = builder.author();
    if (block.extrinsics.length !== PER_BLOCK + 1)
      throw new Error(`block ${b} has ${block.extrinsics.length - 1} transfers`);
    blocks.push(block);
  }
  const importer = chainOn(genesis, true);
  const start = performance.now();
  for (const block of blocks) importer.importBlock(block);
  const seconds = (performance.now() - start) / 1000;
  rows.push(
    {
      name: `import ${BLOCKS} blocks of ${PER_BLOCK} transfers (LMDB, durable)`,
      value: (BLOCKS * PER_BLOCK) / seconds,
      unit: "tx/s",
    },
    {
      name: "… blocks per second",
      value: BLOCKS / seconds,
      unit: "blocks/s",
      note: `${((seconds * 1000) / BLOCKS).toFixed(0)} ms per block`,
    },
  );
  // The same blocks, with each block's signatures verified ahead on every core.
  const verifier = new SignatureVerifier({ workers: availableParallelism() });
  const ahead = chainOn(genesis, true);
  const startAhead = performance.now();
  for (const block of blocks) ahead.importBlock(block, undefined, await preverify(ahead, block, verifier));
  const secondsAhead = (performance.now() - startAhead) / 1000;
  rows.push({
    name: `… with signatures verified ahead (${verifier.workers} workers)`,
    value: (BLOCKS * PER_BLOCK) / secondsAhead,
    unit: "tx/s",
    note: `${((secondsAhead * 1000) / BLOCKS).toFixed(0)} ms per block`,
  });
  await verifier.close();

  // The same blocks again, fetched over TCP from a peer (both nodes in this process).
  const syncSeconds = await syncTime(author, chainOn(genesis, true), BLOCKS);
  rows.push({
    name: `sync the same blocks from a peer over TCP`,
    value: (BLOCKS * PER_BLOCK) / syncSeconds,
    unit: "tx/s",
    note: `${(seconds / syncSeconds).toFixed(2)}× direct import; ${((syncSeconds * 1000) / BLOCKS).toFixed(0)} ms per block`,
  });

  // Per-block cost of sync: a chain of empty blocks, synced, and imported directly for comparison.
  const EMPTY = 1_000;
  const emptyChain = chainOn(genesis, false);
  const emptyBuilder = new BlockAuthor({
    chain: emptyChain,
    pool: new TransactionPool({
      validate: () => {
        throw new Error("no transactions here");
      },
      bestNumber: () => emptyChain.best().number,
    }),
    claims: aliceBabe(() => author).claimer,
    now: () => (clock += 6_000),
  });
  for (let b = 0; b < EMPTY; b++) emptyBuilder.author();
  const emptySeconds = await syncTime(emptyChain, chainOn(genesis, true), EMPTY);
  const direct = chainOn(genesis, true);
  const startDirect = performance.now();
  for (let n = 1; n <= EMPTY; n++) direct.importBlock(emptyChain.blocks.block(emptyChain.blocks.hashAt(n)!)!);
  const directSeconds = (performance.now() - startDirect) / 1000;
  await direct.db.close();
  await emptyChain.db.close();
  rows.push({
    name: `sync ${EMPTY} empty blocks from a peer over TCP`,
    value: EMPTY / emptySeconds,
    unit: "blocks/s",
    note: `direct import of the same blocks: ${(EMPTY / directSeconds).toFixed(0)} blocks/s`,
  });
  await author.db.close();
  await importer.db.close();
  await ahead.db.close();
}

/** Seconds until a fresh node on `chain` has synced block `target` over TCP from a node serving `from`. */
async function syncTime(from: Chain, chain: Chain, target: number): Promise<number> {
  const node = (seed: number, c: Chain, listen: string[], bootnodes: string[]) =>
    Network.start({
      nodeKey: new Uint8Array(32).fill(seed),
      listen,
      bootnodes,
      chain: c,
      authority: seed === 1,
      log: createLogger("error", () => {}),
    });
  const serving = await node(1, from, ["/ip4/127.0.0.1/tcp/0"], []);
  const started = performance.now();
  const follower = await node(2, chain, [], [serving.listenAddresses()[0]!]);
  while (chain.best().number < target) await new Promise((r) => setTimeout(r, 5));
  const seconds = (performance.now() - started) / 1000;
  await follower.stop();
  await serving.stop();
  await chain.db.close();
  return seconds;
}

// --- RPC requests per second ---
{
  const node = await CanaryNode.start({
    chain: "dev",
    tmp: true,
    rpcPort: 0,
    prometheusPort: null,
    logger: createLogger("error", () => {}),
  });
  node.authorBlock();
  const url = `ws://127.0.0.1:${node.rpcPort}`;
  const open = () =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once("open", () => resolve(ws));
      ws.once("error", reject);
    });
  /** Requests answered per second on `n` connections, each keeping `depth` requests in flight. */
  async function rate(method: string, connections: number, depth: number, ms = 2_000): Promise<number> {
    const sockets = await Promise.all(Array.from({ length: connections }, open));
    let done = 0;
    const end = performance.now() + ms;
    await Promise.all(
      sockets.map(
        (ws) =>
          new Promise<void>((resolve) => {
            let id = 0;
            let inFlight = 0;
            const send = () => {
              inFlight++;
              ws.send(JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params: [] }));
            };
            ws.on("message", () => {
              done++;
              inFlight--;
              if (performance.now() < end) send();
              else if (inFlight === 0) resolve();
            });
            for (let i = 0; i < depth; i++) send();
          }),
      ),
    );
    for (const ws of sockets) ws.close();
    return (done * 1000) / ms;
  }
  for (const method of ["system_health", "chain_getHeader"]) {
    rows.push({
      name: `${method}, 1 connection (1 in flight)`,
      value: await rate(method, 1, 1),
      unit: "req/s",
    });
    rows.push({
      name: `${method}, 1 connection (16 in flight)`,
      value: await rate(method, 1, 16),
      unit: "req/s",
    });
    rows.push({
      name: `${method}, 50 connections (4 in flight each)`,
      value: await rate(method, 50, 4),
      unit: "req/s",
    });
  }
  await node.stop();
}

// --- memory, each in a process of its own ---
{
  const rssOf = (pid: number) => {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  };
  const idle = spawn(
    process.execPath,
    [
      join(REPO_ROOT, "packages/node/src/cli/canary.ts"),
      ...["--dev", "--rpc-port", "0", "--no-prometheus", "--listen-addr", "/ip4/127.0.0.1/tcp/0"],
    ],
    {
      stdio: "ignore",
    },
  );
  await new Promise((r) => setTimeout(r, 8_000)); // started, one block authored, then idle
  rows.push({ name: "canary --dev idle: resident memory", value: rssOf(idle.pid!), unit: "MiB" });
  idle.kill("SIGINT");
  await new Promise((r) => idle.once("exit", r));
  const big = spawnSync(process.execPath, [join(REPO_ROOT, "bench/fixtures/fundedChain.ts"), "100000"], {
    encoding: "utf8",
  });
  const measured = JSON.parse(big.stdout.trim().split("\n").at(-1) ?? "{}") as {
    rssMiB?: number;
    seconds?: number;
  };
  if (!measured.rssMiB) throw new Error(`the 100k-account measurement failed: ${big.stderr}`);
  rows.push({
    name: "chain with 100,000 funded accounts: resident memory",
    value: measured.rssMiB,
    unit: "MiB",
    note: `genesis built and stored in ${measured.seconds?.toFixed(1)} s`,
  });
}

for (const d of dirs) rmSync(d, { recursive: true, force: true });
report("node", rows);
