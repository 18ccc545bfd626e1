import { compareBytes, toHex } from "@canary/primitives";
import type { Database as LmdbStore, RangeOptions, RootDatabase } from "lmdb";
import { DbError, purgeAdvice } from "./errors.ts";
import type { Database, DbEntry, KeyRange, WriteBatch } from "./interface.ts";
import { prefixEnd } from "./keys.ts";
import { type BatchOps, LmdbWriteBatch } from "./lmdbWriteBatch.ts";
import type { Table } from "./tables.ts";

export type Store = LmdbStore<Uint8Array, Uint8Array>;

/** The Database over one LMDB environment with one named sub-database per table. Made by openDatabase. */
export class LmdbDatabase implements Database {
  readonly path: string;
  readonly readOnly: boolean;
  private readonly env: RootDatabase;
  private readonly stores: Record<Table, Store>;
  private closed = false;
  private readonly corruption = new Set<(error: DbError) => void>();

  constructor(env: RootDatabase, stores: Record<Table, Store>, path: string, readOnly: boolean) {
    this.env = env;
    this.stores = stores;
    this.path = path;
    this.readOnly = readOnly;
  }

  get(table: Table, key: Uint8Array): Uint8Array | undefined {
    const store = this.store(table);
    let value: Uint8Array | undefined;
    try {
      value = store.get(key);
    } catch (cause) {
      throw this.damaged(cause);
    }
    return value === undefined ? undefined : plain(value);
  }

  has(table: Table, key: Uint8Array): boolean {
    const store = this.store(table);
    try {
      return store.doesExist(key);
    } catch (cause) {
      throw this.damaged(cause);
    }
  }

  onCorruption(listener: (error: DbError) => void): () => void {
    this.corruption.add(listener);
    return () => this.corruption.delete(listener);
  }

  /**
   * An LMDB error that means the file is damaged becomes DB_CORRUPT, and the listeners hear of it
   * (the node stops rather than build on a damaged chain); any other error is returned as it is.
   */
  private damaged(cause: unknown): unknown {
    if (cause instanceof DbError) return cause;
    const message = cause instanceof Error ? cause.message : String(cause);
    if (!/MDB_CORRUPTED|MDB_PAGE_NOTFOUND|MDB_BAD_TXN|MDB_INVALID|MDB_BAD_VALSIZE|MDB_TXN_FULL/.test(message))
      return cause;
    const error = new DbError(
      "DB_CORRUPT",
      `The database at ${this.path} is damaged (LMDB: ${message}). ${purgeAdvice(this.path)}`,
      { cause },
    );
    for (const listener of this.corruption) listener(error);
    return error;
  }

  private *guard<T>(items: Iterable<T>): Generator<T> {
    try {
      yield* items;
    } catch (cause) {
      throw this.damaged(cause);
    }
  }

  entries(table: Table, range: KeyRange = {}): Iterable<DbEntry> {
    const store = this.store(table);
    const options = toLmdbRange(range);
    if (options === undefined) return [];
    return this.guard(
      store
        .getRange(options)
        .map(({ key, value }) => ({ key: plain(key as Uint8Array), value: plain(value) })),
    );
  }

  keys(table: Table, range: KeyRange = {}): Iterable<Uint8Array> {
    const store = this.store(table);
    const options = toLmdbRange(range);
    if (options === undefined) return [];
    return this.guard(store.getKeys(options).map((key) => plain(key as Uint8Array)));
  }

  batch(): WriteBatch {
    this.assertOpen();
    if (this.readOnly) {
      throw new DbError(
        "DB_READ_ONLY",
        `The database at ${this.path} was opened read-only; it cannot be written.`,
      );
    }
    return new LmdbWriteBatch((ops) => this.write(ops));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.env.close();
  }

  private write({ tables, keys, values }: BatchOps): void {
    this.assertOpen();
    let i = 0;
    try {
      // One write transaction for the whole batch; with default flags lmdb-js commits it (and, unless
      // the env has noSync, flushes it to disk) before returning. Any throw inside aborts it all.
      this.env.transactionSync(() => {
        for (; i < tables.length; i++) {
          const store = this.stores[tables[i]!];
          const value = values[i];
          if (value === undefined) store.removeSync(keys[i]!);
          else store.putSync(keys[i]!, value);
        }
      });
    } catch (cause) {
      const damaged = this.damaged(cause);
      if (damaged !== cause) throw damaged;
      const at =
        i < tables.length ? ` at write ${i + 1} (${tables[i]} ${toHex(keys[i]!).slice(0, 18)}…)` : "";
      throw new DbError(
        "DB_WRITE_FAILED",
        `A batch of ${tables.length} writes to ${this.path} failed${at} and nothing of it was written: ` +
          `${cause instanceof Error ? cause.message : String(cause)}. Check free disk space and permissions.`,
        { cause },
      );
    }
  }

  private store(table: Table): Store {
    this.assertOpen();
    return this.stores[table];
  }

  private assertOpen(): void {
    if (this.closed) throw new DbError("DB_CLOSED", `The database at ${this.path} is closed.`);
  }
}

/**
 * lmdb-js hands out a fresh Buffer per value (its own ArrayBuffer, not a view into the map). It is
 * re-typed as a plain Uint8Array over the same memory: Buffer's `slice` shares memory where
 * Uint8Array's copies, and Buffers do not compare equal to Uint8Arrays in tests.
 */
function plain(buffer: Uint8Array): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

const SMALLEST_KEY = Uint8Array.of(0);

/** Turns a KeyRange into lmdb-js range options, or undefined when the range is empty. */
function toLmdbRange(range: KeyRange): RangeOptions | undefined {
  let lower = range.gte;
  let upper = range.lt;
  if (range.prefix !== undefined) {
    if (lower === undefined || compareBytes(range.prefix, lower) > 0) lower = range.prefix;
    const end = prefixEnd(range.prefix);
    if (end !== undefined && (upper === undefined || compareBytes(end, upper) < 0)) upper = end;
  }
  if (lower !== undefined && upper !== undefined && compareBytes(lower, upper) >= 0) return undefined;
  if (range.limit !== undefined && range.limit <= 0) return undefined;
  // lmdb-js iterates from `start` (inclusive) towards `end` (exclusive), so reverse swaps them
  // and flips which end is inclusive. Unset bounds stay absent rather than undefined, except the
  // lower bound of a reverse scan: lmdb-js would stop before key 0x00 (its default, exclusive), so
  // it is set to 0x00 inclusive, the smallest key LMDB allows (keys cannot be empty).
  const options: RangeOptions = {};
  if (range.reverse) {
    options.reverse = true;
    if (upper !== undefined) {
      options.start = upper;
      options.exclusiveStart = true;
    }
    options.end = lower ?? SMALLEST_KEY;
    options.inclusiveEnd = true;
  } else {
    if (lower !== undefined) options.start = lower;
    if (upper !== undefined) options.end = upper;
  }
  if (range.limit !== undefined) options.limit = range.limit;
  return options;
}
