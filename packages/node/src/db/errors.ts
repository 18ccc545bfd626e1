import { CanaryError } from "@canary/primitives";

export type DbErrorCode =
  /** Read-only open of a path that holds no initialised database. */
  | "DB_NOT_FOUND"
  /** The path holds something else: a file, a directory of other files, another program's LMDB. */
  | "DB_NOT_A_DATABASE"
  /** An LMDB file that is damaged, truncated, or whose metadata cannot be read; or a failed integrity check. */
  | "DB_CORRUPT"
  /** The database's record shows a chain was stored, but data.mdb is missing or empty. */
  | "DB_DATA_MISSING"
  /** Written by a Canary with another schema version. */
  | "DB_SCHEMA_MISMATCH"
  /** Holds another chain (genesis hash or chain id differ). */
  | "DB_CHAIN_MISMATCH"
  /** The options passed to openDatabase are invalid. */
  | "DB_INVALID_OPTIONS"
  /** LMDB refused to open the environment (permissions, locks, disk). */
  | "DB_OPEN_FAILED"
  /** A write on a database opened read-only. */
  | "DB_READ_ONLY"
  /** Use of a database after close(). */
  | "DB_CLOSED"
  /** A batch commit failed; nothing of it was applied. */
  | "DB_WRITE_FAILED"
  /** A batch used again after commit(). */
  | "DB_BATCH_COMMITTED";

export class DbError extends CanaryError {
  declare readonly code: DbErrorCode;

  constructor(code: DbErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** What a person can do about a database that belongs elsewhere or is damaged. */
export function purgeAdvice(path: string): string {
  return `Delete it with \`canary purge-chain\` (which removes ${path}) or start the node with another --base-path.`;
}
