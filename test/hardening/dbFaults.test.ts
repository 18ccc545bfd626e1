/**
 * Issue 15 (4), fault injection: a stopped node's database is damaged in each of the ways an
 * unlucky operator meets (data.mdb emptied, deleted, truncated, bit-flipped, a zeroed region,
 * rolled back to an older copy); the node refuses to start, says what to do, and writes nothing.
 * Damage found while running (LMDB's MDB_CORRUPTED, a lost canonical block) stops the node
 * cleanly, and it never authors on the damaged chain.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@canary/bundler";
import { blake2_256, toHex } from "@canary/primitives";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockNumberKey } from "../../packages/node/src/db/index.ts";
import { CanaryNode } from "../../packages/node/src/service/canaryNode.ts";
import { createLogger } from "../../packages/node/src/service/logger.ts";
import { until } from "../support/until.ts";

const root = mkdtempSync(join(tmpdir(), "canary-dbfaults-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const lines: string[] = [];
const logger = createLogger("info", (l) => lines.push(l));
const dbOf = (base: string) => join(base, "chains", "canary_dev", "db");

/** Deterministic bytes from a seed (xorshift), for reproducible damage. */
function random(seed: number): () => number {
  let x = seed * 2654435761 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

function start(base: string, extra: Partial<Parameters<typeof CanaryNode.start>[0]> = {}) {
  return CanaryNode.start({
    chain: "dev",
    basePath: base,
    validator: true,
    instantSeal: true,
    finalityDelayMs: 0,
    rpcPort: 0,
    prometheusPort: null,
    logger,
    ...extra,
  });
}

/** A base path holding a chain of `blocks` finalized blocks, copied from `source` if given. */
async function chainOf(name: string, blocks: number): Promise<string> {
  const base = join(root, name);
  const node = await start(base);
  for (let i = 0; i < blocks; i++) node.authorBlock();
  await until("finalized", () => node.chain.finalized().number === blocks);
  await node.stop();
  return base;
}

let pristine: string;
let older: string;
beforeAll(async () => {
  pristine = await chainOf("pristine", 12);
  older = join(root, "older");
  cpSync(pristine, older, { recursive: true });
  // The pristine chain goes on to #20: `older` is a copy of its database from #12.
  const node = await start(pristine);
  for (let i = 0; i < 8; i++) node.authorBlock();
  await until("finalized #20", () => node.chain.finalized().number === 20);
  await node.stop();
});

function damaged(name: string, damage: (dataFile: string) => void): string {
  const base = join(root, name);
  cpSync(pristine, base, { recursive: true });
  damage(join(dbOf(base), "data.mdb"));
  return base;
}

const flips = (seed: number) => (file: string) => {
  const bytes = readFileSync(file);
  const next = random(seed);
  for (let i = 0; i < 100; i++) bytes[Math.floor(next() * bytes.length)]! ^= 1 << Math.floor(next() * 8);
  writeFileSync(file, bytes);
};

const zeroed = (seed: number) => (file: string) => {
  const bytes = readFileSync(file);
  const at = Math.floor((random(seed)() * (bytes.length - 65536)) / 4096) * 4096;
  bytes.fill(0, at, at + 65536);
  writeFileSync(file, bytes);
};

const cases: Array<[string, (file: string) => void, string, RegExp]> = [
  ["emptied", (f) => truncateSync(f, 0), "DB_DATA_MISSING", /data\.mdb is empty.*will not start a new chain/],
  ["deleted", (f) => rmSync(f), "DB_DATA_MISSING", /data\.mdb is missing/],
  ["truncated", (f) => truncateSync(f, Math.floor(readFileSync(f).length / 2)), "DB_CORRUPT", /truncated/],
  ...[1, 2, 3].map((s): [string, (f: string) => void, string, RegExp] => [
    `flipped-${s}`,
    flips(s),
    "DB_CORRUPT",
    /damaged/,
  ]),
  ...[1, 2, 3].map((s): [string, (f: string) => void, string, RegExp] => [
    `zeroed-${s}`,
    zeroed(s),
    "DB_CORRUPT",
    /damaged/,
  ]),
];

describe("a damaged database at start", () => {
  it.each(cases)(
    "%s: refused with what to do, nothing written, nothing authored",
    async (name, damage, code, why) => {
      const base = damaged(name, damage);
      const before = snapshot(dbOf(base));
      const error = await start(base).then(
        async (node) => {
          await node.stop();
          return undefined;
        },
        (e: Error & { code?: string }) => e,
      );
      expect(error?.code, error?.message).toBe(code);
      expect(error?.message).toMatch(why);
      expect(error?.message).toMatch(/purge-chain|backup/);
      expect(snapshot(dbOf(base))).toEqual(before);
    },
  );

  it("rolled back to an older copy of itself (blocks lost): refused", async () => {
    const base = join(root, "rolled-back");
    cpSync(pristine, base, { recursive: true });
    cpSync(join(dbOf(older), "data.mdb"), join(dbOf(base), "data.mdb"));
    await expect(start(base)).rejects.toMatchObject({
      code: "DB_CORRUPT",
      message: expect.stringMatching(/finalized block is #12, but #20 had been finalized: data was lost/),
    });
  });

  it("the canary command ends with one line and exit code 1", () => {
    const base = damaged("cli", zeroed(4));
    const run = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, "packages/node/src/cli/canary.ts"),
        "--alice",
        "--base-path",
        base,
        "--rpc-port",
        "0",
        "--no-prometheus",
      ],
      { encoding: "utf8", timeout: 30_000 },
    );
    expect(run.status).toBe(1);
    const errors = run.stderr.split("\n").filter((l) => l.startsWith("Error: "));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/The database at .* is damaged.*purge-chain/);
  });
});

describe("damage found while running", () => {
  it("a lost canonical block stops the node cleanly, and it is refused at the next start", async () => {
    const base = join(root, "lost-canonical");
    cpSync(pristine, base, { recursive: true });
    let fatal: unknown;
    const node = await start(base, { onFatal: (e) => (fatal = e) });
    node.db.batch().delete("canonicalHash", blockNumberKey(5)).commit();
    // The node stops while answering: the reply is an internal error, or the connection closes.
    const response = await fetch(`http://127.0.0.1:${node.rpcPort}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "chain_getBlockHash", params: [5] }),
    }).then(
      (r) => r.json() as Promise<{ error: { code: number } }>,
      () => ({ error: { code: -32603 } }),
    );
    expect(response.error.code).toBe(-32603);
    await until("the node stopped", () => fatal !== undefined);
    expect((fatal as { code: string }).code).toBe("CHAIN_CORRUPT");
    expect(
      lines.some((l) =>
        /⛔ The database at .* is damaged \(CHAIN_CORRUPT: .*lost canonical block #5/.test(l),
      ),
    ).toBe(true);
    node.authorBlock(); // stopped: authors nothing more
    await expect(start(base)).rejects.toMatchObject({
      code: "DB_CORRUPT",
      message: expect.stringMatching(/canonical block #5 is missing/),
    });
  });

  it("MDB_CORRUPTED from LMDB stops the node before it authors on the damaged chain", async () => {
    const base = join(root, "mdb-corrupted");
    cpSync(pristine, base, { recursive: true });
    let fatal: unknown;
    const node = await start(base, { onFatal: (e) => (fatal = e) });
    const best = node.chain.best().number;
    // What LMDB throws once a page it reads is damaged.
    const stores = (node.db as unknown as { stores: Record<string, { get: (k: Uint8Array) => unknown }> })
      .stores;
    stores.header!.get = () => {
      throw new Error("MDB_CORRUPTED: Located page was wrong type");
    };
    node.authorBlock();
    await until("the node stopped", () => fatal !== undefined);
    expect((fatal as { code: string }).code).toBe("DB_CORRUPT");
    const reopened = await start(join(root, "mdb-corrupted"), { instantSeal: true });
    expect(reopened.chain.best().number).toBe(best); // nothing was authored on it
    await reopened.stop();
  });
});

/** Every file of a database directory and its hash: what a refused start must leave alone. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ["data.mdb", "canary-db.json"]) {
    try {
      out[name] = toHex(blake2_256(readFileSync(join(dir, name))));
    } catch {
      out[name] = "absent";
    }
  }
  return out;
}
