// The heavy state queries of Substrate's JSON-RPC (issue 13), through the real server over HTTP:
// `state_queryStorage` over 1,000 blocks for 10 keys, and `state_getPairs` over 10,000 keys (time
// and response size), then both past the 15 MiB response limit, which they refuse with
// jsonrpsee's -32008 "Response is too big" before building the whole answer.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { initCrypto } from "@canary/crypto";
import {
  BlockAuthor,
  buildGenesisInMemory,
  Chain,
  Executor,
  type Genesis,
  openDatabase,
  TransactionPool,
} from "@canary/node";
import { blockHash, encodeUtf8, storageKey, storagePrefix, toHex } from "@canary/primitives";
import {
  type NodeInfo,
  RpcServer,
  registerLegacy,
  registerSubstrateExtras,
} from "../packages/node/src/rpc/index.ts";
import { relayRuntimeCode } from "../packages/node/src/service/runtimeCode.ts";
import { aliceBabe, aliceSession } from "../test/support/babe.ts";
import { type BenchRow, report } from "./report.ts";

const BLOCKS = 1_000;
const ACCOUNTS = 10_000;
/** Enough accounts that their records pass 15 MiB of JSON. */
const MANY_ACCOUNTS = 70_000;
const rows: BenchRow[] = [];
const dirs: string[] = [];
await initCrypto();
const code = await relayRuntimeCode();

const accountId = (i: number) => {
  const key = new Uint8Array(32).fill(0xcc);
  new DataView(key.buffer).setUint32(0, i + 1);
  return key;
};

function chainWith(accounts: number): Chain {
  const entries = Array.from({ length: accounts }, (_, i) => `["${toHex(accountId(i))}", 1000000000000000]`);
  const config = encodeUtf8(`{"balances":{"balances":[${entries.join(",")}]},${aliceSession()}}`);
  const genesis: Genesis = buildGenesisInMemory(new Executor(), code, { config });
  const dir = mkdtempSync(join(tmpdir(), "canary-bench-rpc-"));
  dirs.push(dir);
  const db = openDatabase({
    path: dir,
    chain: { genesisHash: blockHash(genesis.header), chainId: "bench" },
    sync: false,
  });
  return new Chain({ db, executor: new Executor(), genesis, pruning: "archive" });
}

/** The JSON-RPC server over `chain`, unsafe methods allowed (as on loopback). */
async function serve(chain: Chain): Promise<{ server: RpcServer; url: string }> {
  const pool = new TransactionPool({
    validate: () => ({ ok: false, invalid: true, reason: "none" }),
    bestNumber: () => 0,
  });
  const info: NodeInfo = {
    chain,
    pool,
    submit: () => new Uint8Array(32),
    name: "bench",
    version: "0",
    chainName: "bench",
    chainType: "Development",
    properties: {},
    peerId: "bench",
    role: "Full",
  };
  const server = new RpcServer({ port: 0, methods: "unsafe" });
  registerLegacy(server, info);
  registerSubstrateExtras(server, info);
  const { port } = await server.listen();
  return { server, url: `http://127.0.0.1:${port}` };
}

async function call(url: string, method: string, params: unknown[]) {
  const started = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  const json = JSON.parse(text) as {
    result?: unknown;
    error?: { code: number; message: string; data?: string };
  };
  return { ms, bytes: Buffer.byteLength(text), ...json };
}

const MiB = 2 ** 20;

// --- 1,000 blocks, 10 keys that change in every block or stay ---
{
  const chain = chainWith(ACCOUNTS);
  let clock = 1_700_000_000_000;
  const author = new BlockAuthor({
    chain,
    pool: new TransactionPool({
      validate: () => {
        throw new Error("no transactions here");
      },
      bestNumber: () => chain.best().number,
    }),
    claims: aliceBabe(() => chain).claimer,
    now: () => (clock += 6_000),
  });
  for (let b = 0; b < BLOCKS; b++) author.author();
  const { server, url } = await serve(chain);
  const keys = [
    storagePrefix("System", "Number"),
    storagePrefix("System", "ParentHash"),
    storagePrefix("System", "Events"),
    storagePrefix("System", "EventCount"),
    storagePrefix("System", "Digest"),
    storagePrefix("System", "BlockWeight"),
    storagePrefix("Timestamp", "Now"),
    storagePrefix("TransactionPayment", "NextFeeMultiplier"),
    storagePrefix("Balances", "TotalIssuance"),
    storageKey("System", "Account", ["Blake2_128Concat", accountId(0)]),
  ].map(toHex);
  const from = toHex(chain.blocks.hashAt(1)!);
  const to = toHex(chain.blocks.hashAt(BLOCKS)!);
  await call(url, "state_queryStorage", [keys, from, to]); // warm up
  const q = await call(url, "state_queryStorage", [keys, from, to]);
  if (!Array.isArray(q.result) || q.result.length !== BLOCKS)
    throw new Error(`queryStorage: ${JSON.stringify(q.error)}`);
  rows.push({
    name: `state_queryStorage, ${BLOCKS} blocks × ${keys.length} keys`,
    value: q.ms,
    unit: "ms",
    note: `${(q.bytes / MiB).toFixed(2)} MiB response, ${(q.ms / BLOCKS).toFixed(2)} ms per block`,
  });
  const prefix = toHex(storagePrefix("System", "Account"));
  await call(url, "state_getPairs", [prefix]);
  const p = await call(url, "state_getPairs", [prefix]);
  if (!Array.isArray(p.result) || p.result.length < ACCOUNTS)
    throw new Error(`getPairs: ${JSON.stringify(p.error)}`);
  rows.push({
    name: `state_getPairs, ${p.result.length.toLocaleString("en-US")} keys (System.Account)`,
    value: p.ms,
    unit: "ms",
    note: `${(p.bytes / MiB).toFixed(2)} MiB response`,
  });
  const k = await call(url, "state_getKeys", [prefix]);
  rows.push({
    name: `state_getKeys, the same ${(k.result as unknown[]).length.toLocaleString("en-US")} keys`,
    value: k.ms,
    unit: "ms",
    note: `${(k.bytes / MiB).toFixed(2)} MiB response`,
  });
  await server.close();
  await chain.db.close();
}

// --- past the 15 MiB response limit ---
{
  const chain = chainWith(MANY_ACCOUNTS);
  const { server, url } = await serve(chain);
  const prefix = toHex(storagePrefix("System", "Account"));
  const p = await call(url, "state_getPairs", [prefix]);
  if (p.error?.code !== -32008) throw new Error(`expected -32008, got ${JSON.stringify(p).slice(0, 200)}`);
  rows.push({
    name: `state_getPairs, ${MANY_ACCOUNTS.toLocaleString("en-US")} accounts: refused`,
    value: p.ms,
    unit: "ms",
    note: `${p.error.code} "${p.error.message}" (${p.error.data}), ${p.bytes} bytes`,
  });
  const keys = Array.from({ length: MANY_ACCOUNTS }, (_, i) =>
    toHex(storageKey("System", "Account", ["Blake2_128Concat", accountId(i)])),
  );
  const genesis = toHex(chain.genesisHash);
  const q = await call(url, "state_queryStorage", [keys, genesis, genesis]);
  if (q.error?.code !== -32008) throw new Error(`expected -32008, got ${JSON.stringify(q).slice(0, 200)}`);
  rows.push({
    name: `state_queryStorage, ${MANY_ACCOUNTS.toLocaleString("en-US")} keys: refused`,
    value: q.ms,
    unit: "ms",
    note: `${q.error.code} "${q.error.message}", ${q.bytes} bytes`,
  });
  await server.close();
  await chain.db.close();
}

for (const d of dirs) rmSync(d, { recursive: true, force: true });
report("rpc queries (issue 13)", rows);
