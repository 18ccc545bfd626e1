/**
 * The database's record, a small file beside `data.mdb`: which chain it holds and the last
 * finalized block the node saw written. It lives outside LMDB so that a `data.mdb` that was
 * emptied, deleted or rolled back is noticed (and refused) instead of taken for a new database.
 * It only ever lags the database (it is written after the commit it describes).
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { toHex } from "@canary/primitives";
import { DbError, purgeAdvice } from "./errors.ts";
import type { ChainIdentity } from "./options.ts";

export const RECORD_FILE = "canary-db.json";

export interface DbRecord {
  chainId: string;
  /** 0x-hex. */
  genesisHash: string;
  /** The last finalized block recorded: the database must still hold it, canonical. */
  finalized: { number: number; hash: string };
}

export function recordFor(chain: ChainIdentity, finalized?: { number: number; hash: Uint8Array }): DbRecord {
  return {
    chainId: chain.chainId,
    genesisHash: toHex(chain.genesisHash),
    finalized: finalized
      ? { number: finalized.number, hash: toHex(finalized.hash) }
      : { number: 0, hash: toHex(chain.genesisHash) },
  };
}

/** The record in database directory `path`, or undefined when there is none. */
export function readRecord(path: string): DbRecord | undefined {
  const file = join(path, RECORD_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new DbError("DB_CORRUPT", `Cannot read ${file}: ${(e as Error).message}. ${purgeAdvice(path)}`, {
      cause: e,
    });
  }
  try {
    const r = JSON.parse(text) as DbRecord;
    const hex32 = (v: unknown) => typeof v === "string" && /^0x[0-9a-f]{64}$/.test(v);
    if (
      typeof r.chainId === "string" &&
      hex32(r.genesisHash) &&
      Number.isInteger(r.finalized?.number) &&
      r.finalized.number >= 0 &&
      hex32(r.finalized.hash)
    )
      return r;
  } catch {
    // reported below
  }
  throw new DbError("DB_CORRUPT", `${file} is damaged (not a database record). ${purgeAdvice(path)}`);
}

/** Replaces the record (written aside and renamed, so it is whole or absent). */
export function writeRecord(path: string, record: DbRecord): void {
  const file = join(path, RECORD_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(record)}\n`);
  renameSync(`${file}.tmp`, file);
}
