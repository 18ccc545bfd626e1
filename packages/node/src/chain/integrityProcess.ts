/**
 * Runs the integrity check (integrity.ts) on a database in a child process. lmdb-js ends the
 * process (SIGSEGV, or an assertion's SIGABRT) on some damaged pages instead of throwing, so the
 * node never reads an unchecked database itself: a child that dies reading it means the database
 * is damaged, and the node refuses it with that message rather than crashing.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { fromHex, toHex } from "@canary/primitives";
import {
  type ChainIdentity,
  DbError,
  inspectPath,
  openDatabase,
  purgeAdvice,
  readRecord,
} from "../db/index.ts";
import { checkIntegrity, IntegrityProblem, type IntegrityReport } from "./integrity.ts";

type Outcome = { ok: true; report: IntegrityReport } | { ok: false; code: string; message: string };

/**
 * Checks the database at `path` for `chain` (nothing to check when there is none yet); throws
 * DbError (DB_CORRUPT, DB_DATA_MISSING, DB_CHAIN_MISMATCH, …) with what to do.
 */
export function verifyDatabase(path: string, chain: ChainIdentity): IntegrityReport | undefined {
  if (inspectPath(path) !== "lmdb") return undefined;
  const child = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), path, toHex(chain.genesisHash), chain.chainId],
    {
      encoding: "utf8",
      maxBuffer: 1 << 20,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  if (child.error) {
    throw new DbError("DB_OPEN_FAILED", `Cannot check the database at ${path}: ${child.error.message}`, {
      cause: child.error,
    });
  }
  const last = child.stdout.trim().split("\n").at(-1) ?? "";
  let outcome: Outcome | undefined;
  try {
    outcome = JSON.parse(last) as Outcome;
  } catch {
    outcome = undefined;
  }
  if (!outcome) {
    const how = child.signal ? `was killed by ${child.signal}` : `exited with ${child.status}`;
    const said = child.stderr.trim().split("\n").filter(Boolean).at(-1);
    throw new DbError(
      "DB_CORRUPT",
      `The database at ${path} is damaged: reading it ${how}${said ? ` (${said.slice(0, 200)})` : ""}. ${purgeAdvice(path)}`,
    );
  }
  if (!outcome.ok) throw new DbError(outcome.code as DbError["code"], outcome.message);
  return outcome.report;
}

/** The child: check, print one line of JSON, exit. */
async function main(path: string, genesisHex: string, chainId: string): Promise<Outcome> {
  const chain = { genesisHash: fromHex(genesisHex), chainId };
  let db: ReturnType<typeof openDatabase> | undefined;
  try {
    db = openDatabase({ path, chain, readOnly: true });
    return { ok: true, report: checkIntegrity(db, chain.genesisHash, readRecord(path)) };
  } catch (e) {
    if (e instanceof DbError) {
      // The record beside the database names this chain: a stored identity that differs is damage.
      const record = e.code === "DB_CHAIN_MISMATCH" ? readRecord(path) : undefined;
      if (record && record.genesisHash === genesisHex && record.chainId === chainId) {
        const message = `The database at ${path} is damaged: the chain identity stored in it differs from its record's (${chainId}). ${purgeAdvice(path)}`;
        return { ok: false, code: "DB_CORRUPT", message };
      }
      return { ok: false, code: e.code, message: e.message };
    }
    const what =
      e instanceof IntegrityProblem ? e.message : `LMDB failed reading it (${(e as Error).message})`;
    return {
      ok: false,
      code: "DB_CORRUPT",
      message: `The database at ${path} is damaged: ${what}. ${purgeAdvice(path)}`,
    };
  } finally {
    await db?.close();
  }
}

if (import.meta.main) {
  const [path, genesis, chainId] = process.argv.slice(2) as [string, string, string];
  process.stdout.write(`${JSON.stringify(await main(path, genesis, chainId))}\n`);
}
