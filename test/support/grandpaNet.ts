/**
 * GRANDPA voters on real chains for in-process tests: each node has its own database and chain,
 * blocks are authored with BABE by a chain of their own, and votes travel through a queue the test
 * drains on a fake clock. `cleanup()` closes and removes what was opened.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DevAccountName, devKeypair } from "@canary/crypto";
import {
  type BabeConsensus,
  BlockAuthor,
  babeConsensus,
  Chain,
  type Database,
  Executor,
  type Genesis,
  GrandpaVoter,
  openDatabase,
  TransactionPool,
  validateOnChain,
} from "@canary/node";
import { type Block, blockHash, type GrandpaGossipMessage, toHex } from "@canary/primitives";
import { TestClock } from "../../packages/node/src/authorship/testClock.ts";
import { createLogger } from "../../packages/node/src/service/logger.ts";

/** GRANDPA's gossip duration in these tests (ms). */
export const T = 100;
const dirs: string[] = [];
const dbs: Database[] = [];

export async function cleanup(): Promise<void> {
  for (const db of dbs.splice(0)) await db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function chainOn(
  genesis: Genesis,
  keys: DevAccountName[] = [],
): { chain: Chain; babe: BabeConsensus } {
  const path = mkdtempSync(join(tmpdir(), "canary-grandpa-"));
  dirs.push(path);
  const db = openDatabase({
    path,
    chain: { genesisHash: blockHash(genesis.header), chainId: "t" },
    sync: false,
  });
  dbs.push(db);
  const babe = babeConsensus(() => chain, { keys: keys.map((n) => devKeypair(n)) });
  const chain: Chain = new Chain({ db, executor: new Executor(), genesis, verifier: babe.verifier });
  return { chain, babe };
}

/**
 * `count` blocks, one per slot, authored with the validators' BABE keys on a chain of their own;
 * `transactions` go into the pool first (they land in the first blocks), `later` before the block
 * of that number.
 */
export function blocks(
  genesis: Genesis,
  count: number,
  keys: DevAccountName[],
  transactions: Uint8Array[] = [],
  later: ReadonlyMap<number, Uint8Array[]> = new Map(),
): Block[] {
  const { chain, babe } = chainOn(genesis, keys);
  const pool = new TransactionPool({
    validate: validateOnChain(chain),
    bestNumber: () => chain.best().number,
  });
  for (const tx of transactions) pool.submit(tx);
  let now = 1_700_000_000_000;
  const slotMs = babe.epochs.slotDurationMs(chain.best().hash);
  const author = new BlockAuthor({ chain, pool, claims: babe.claimer, now: () => (now += slotMs) });
  return Array.from({ length: count }, (_, i) => {
    for (const tx of later.get(i + 1) ?? []) pool.submit(tx);
    return author.author().block;
  });
}

/** Voters on their own chains, messages delivered through a queue the test drains. */
export function network(
  genesis: Genesis,
  voters: Array<DevAccountName | "observer">,
  options = { period: 1 },
) {
  const clock = new TestClock(1_000_000);
  const queue: Array<() => void> = [];
  const reports: string[] = [];
  const nodes = voters.map((name) => ({
    name,
    ...chainOn(genesis),
    voter: undefined as unknown as GrandpaVoter,
  }));
  for (const node of nodes) {
    const others = () => nodes.filter((n) => n !== node);
    const gran = node.name === "observer" ? undefined : devKeypair(node.name as DevAccountName, "ed25519");
    node.voter = new GrandpaVoter({
      chain: node.chain,
      clock,
      gossipDurationMs: T,
      justificationPeriod: options.period,
      log: createLogger("error", () => {}),
      keys: (id) => (gran && toHex(id) === toHex(gran.publicKey) ? gran : undefined),
      transport: {
        broadcast: (m: GrandpaGossipMessage) => {
          for (const o of others()) queue.push(() => o.voter.onMessage(node.name, m));
        },
        // Peers are named by their node's name: a catch-up goes to the other nodes of that name.
        sendTo: (peer: string, m: GrandpaGossipMessage) => {
          for (const o of others()) if (o.name === peer) queue.push(() => o.voter.onMessage(node.name, m));
        },
        setView: () => {},
        report: (_peer, _cost, why) => reports.push(`${node.name}: ${why}`),
      },
    });
  }
  const run = (ms: number) => {
    for (let t = 0; t < ms; t += T / 2) {
      clock.advance(T / 2);
      while (queue.length > 0) queue.shift()!();
    }
  };
  return { nodes, run, reports };
}
