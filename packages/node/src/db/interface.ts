import type { Table } from "./tables.ts";

/** Bounds of an ordered scan over a table's keys (byte order). All fields are optional. */
export interface KeyRange {
  /** Only keys that start with these bytes. */
  prefix?: Uint8Array;
  /** Only keys >= gte. */
  gte?: Uint8Array;
  /** Only keys < lt. */
  lt?: Uint8Array;
  /** Descending order. */
  reverse?: boolean;
  /** At most this many entries. */
  limit?: number;
}

export interface DbEntry {
  key: Uint8Array;
  value: Uint8Array;
}

/** Synchronous reads. Returned arrays are copies the caller may keep and modify. */
export interface DatabaseReader {
  get(table: Table, key: Uint8Array): Uint8Array | undefined;
  has(table: Table, key: Uint8Array): boolean;
  /** Entries in key order; reads one consistent snapshot, taken when iteration starts. */
  entries(table: Table, range?: KeyRange): Iterable<DbEntry>;
  keys(table: Table, range?: KeyRange): Iterable<Uint8Array>;
}

/**
 * Writes across any tables, applied all-or-nothing by commit() in one LMDB write transaction.
 * The batch keeps references to the arrays it is given: do not modify them before commit().
 */
export interface WriteBatch {
  put(table: Table, key: Uint8Array, value: Uint8Array): this;
  delete(table: Table, key: Uint8Array): this;
  /** Number of operations recorded. */
  readonly size: number;
  /** Applies every operation, in order, or none (throws DbError DB_WRITE_FAILED). Once only. */
  commit(): void;
}

export interface Database extends DatabaseReader {
  readonly path: string;
  readonly readOnly: boolean;
  batch(): WriteBatch;
  /**
   * Calls `listener` when LMDB reports the file damaged (MDB_CORRUPTED, a missing page) during a
   * read or write, which then throws DB_CORRUPT. Returns what removes the listener.
   */
  onCorruption?(listener: (error: import("./errors.ts").DbError) => void): () => void;
  /** Closes the environment; further use throws DB_CLOSED. Idempotent. */
  close(): Promise<void>;
}
