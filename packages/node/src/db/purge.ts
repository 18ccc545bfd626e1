/**
 * `purge-chain` removes a database: only the files LMDB and Canary put in its directory, never a
 * directory's whole content, and never through a symbolic link.
 */
import { lstatSync, readdirSync, rmdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { DbError } from "./errors.ts";
import { DATA_FILE, LOCK_FILE } from "./lmdbFile.ts";
import { RECORD_FILE } from "./record.ts";

/** Files a Canary database directory holds. */
export const DATABASE_FILES: readonly string[] = [DATA_FILE, LOCK_FILE, RECORD_FILE, `${RECORD_FILE}.tmp`];

/** Deletes the database at `path`; returns the names of entries it left (not Canary's). */
export function purgeDatabase(path: string): string[] {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink() || !stat.isDirectory()) {
    throw new DbError(
      "DB_NOT_A_DATABASE",
      `${path} is not a database directory (it is a ${stat.isSymbolicLink() ? "symbolic link" : "file"}): purge-chain leaves it alone`,
    );
  }
  const entries = readdirSync(path);
  for (const name of entries) if (DATABASE_FILES.includes(name)) rmSync(join(path, name), { force: true });
  const left = entries.filter((n) => !DATABASE_FILES.includes(n));
  if (left.length === 0) rmdirSync(path);
  return left;
}
