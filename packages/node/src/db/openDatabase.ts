import { open, type RootDatabase } from "lmdb";
import { DbError, purgeAdvice } from "./errors.ts";
import type { Database } from "./interface.ts";
import { LmdbDatabase, type Store } from "./lmdbDatabase.ts";
import { inspectPath } from "./lmdbFile.ts";
import { checkMeta, initialMeta } from "./meta.ts";
import { type DatabaseOptions, defaultDatabaseOptions } from "./options.ts";
import { readRecord, recordFor, writeRecord } from "./record.ts";
import { isTable, TABLES, type Table } from "./tables.ts";

/**
 * Opens (creating if absent) the node's database and checks that it is one this build can use for
 * this chain. An existing database is inspected through a read-only LMDB environment, so a
 * database that is refused (DB_CORRUPT, DB_NOT_A_DATABASE, DB_SCHEMA_MISMATCH, DB_CHAIN_MISMATCH)
 * is never written to.
 */
export function openDatabase(options: DatabaseOptions): Database {
  const { path, chain, readOnly, sync } = { ...defaultDatabaseOptions, ...options };
  if (!(chain.genesisHash instanceof Uint8Array) || chain.genesisHash.length !== 32) {
    throw new DbError("DB_INVALID_OPTIONS", "chain.genesisHash must be the 32-byte genesis block hash.");
  }
  if (chain.chainId.length === 0) throw new DbError("DB_INVALID_OPTIONS", "chain.chainId must not be empty.");

  let initialised = false;
  if (inspectPath(path) === "lmdb") {
    const env = openEnv(path, true, sync);
    try {
      initialised = inspect(env, options);
      if (readOnly && initialised) return new LmdbDatabase(env, openStores(env, false), path, true);
    } catch (error) {
      void env.close();
      throw error;
    }
    void env.close(); // synchronous when nothing was written, so the path can be reopened at once
  }
  if (readOnly) {
    throw new DbError(
      "DB_NOT_FOUND",
      `There is no database at ${path} to open read-only. Start the node once without --read-only to create it, or check --base-path.`,
    );
  }

  const env = openEnv(path, false, sync);
  try {
    const stores = openStores(env, true);
    if (!initialised) {
      // Written last and in one transaction: a database without meta is one whose creation was
      // interrupted, and the next open starts it again.
      env.transactionSync(() => {
        for (const [key, value] of initialMeta(chain)) stores.meta.putSync(key, value);
      });
    }
    // After the meta it describes; a database made before records existed gets one now.
    if (!initialised || readRecord(path) === undefined) writeRecord(path, recordFor(chain));
    return new LmdbDatabase(env, stores, path, false);
  } catch (error) {
    void env.close();
    if (error instanceof DbError) throw error;
    throw new DbError("DB_OPEN_FAILED", `Cannot create the database at ${path}: ${String(error)}`, {
      cause: error,
    });
  }
}

/** Checks an existing environment; returns false if its creation never completed (no meta yet). */
function inspect(env: RootDatabase, { path, chain }: DatabaseOptions): boolean {
  const meta = openStore(env, "meta", false);
  if (meta !== undefined && !isEmpty(meta)) {
    checkMeta((key) => meta.get(key), chain, path);
    const missing = TABLES.filter((t) => openStore(env, t, false) === undefined);
    if (missing.length > 0) {
      throw new DbError(
        "DB_CORRUPT",
        `The database at ${path} is damaged: tables ${missing.join(", ")} are missing. ${purgeAdvice(path)}`,
      );
    }
    return true;
  }
  // No meta: only our own tables, all empty, may be there (a creation cut short).
  const names = [...env.getKeys()].map(tableName);
  const foreign = names.filter((n) => !isTable(n));
  if (foreign.length > 0) {
    // Canary wrote this directory (its record is here): a table's name was damaged, not replaced.
    if (readRecord(path) !== undefined) {
      throw new DbError(
        "DB_CORRUPT",
        `The database at ${path} is damaged: its metadata table is gone and it has ${foreign.length} entries ` +
          `Canary does not use (e.g. ${JSON.stringify(foreign[0])}). ${purgeAdvice(path)}`,
      );
    }
    throw new DbError(
      "DB_NOT_A_DATABASE",
      `${path} holds an LMDB database that is not Canary's (it has ${foreign.length} entries Canary does not use, ` +
        `e.g. ${JSON.stringify(foreign[0])}). Start the node with another --base-path.`,
    );
  }
  for (const name of names.filter(isTable)) {
    const store = openStore(env, name, false);
    if (store !== undefined && !isEmpty(store)) {
      throw new DbError(
        "DB_CORRUPT",
        `The database at ${path} is damaged: table ${name} has data but the database has no metadata. ${purgeAdvice(path)}`,
      );
    }
  }
  return false;
}

function openEnv(path: string, readOnly: boolean, sync: boolean): RootDatabase {
  try {
    return open({
      path,
      readOnly,
      noSync: !sync,
      // Plain LMDB commits: a synchronous commit is flushed before it returns, and recovery after a
      // crash needs nothing beyond LMDB's two meta pages (lmdb-js's overlapping sync is off).
      overlappingSync: false,
      noSubdir: false, // lmdb-js would otherwise treat a path with a dot in it as a file
      maxDbs: TABLES.length + 4,
      encoding: "binary",
      keyEncoding: "binary",
    });
  } catch (cause) {
    throw new DbError(
      "DB_OPEN_FAILED",
      `LMDB cannot open ${path}${readOnly ? " read-only" : ""}: ${String(cause)}. Check the path's permissions, and that the disk is not full.`,
      { cause },
    );
  }
}

function openStores(env: RootDatabase, create: boolean): Record<Table, Store> {
  const stores = {} as Record<Table, Store>;
  for (const table of TABLES) {
    const store = openStore(env, table, create);
    if (store === undefined) throw new DbError("DB_CORRUPT", `table ${table} is missing from the database`);
    stores[table] = store;
  }
  return stores;
}

/** Undefined when the table does not exist and `create` is false. */
function openStore(env: RootDatabase, name: Table, create: boolean): Store | undefined {
  // `create` is an lmdb-js option its typings omit; false opens without creating (and so without writing).
  const options = { name, create, encoding: "binary", keyEncoding: "binary" } as const;
  return env.openDB<Uint8Array, Uint8Array>(options);
}

function isEmpty(store: Store): boolean {
  for (const _ of store.getKeys({ limit: 1 })) return false;
  return true;
}

/** Names in LMDB's main database are stored NUL-terminated by lmdb-js. */
function tableName(key: unknown): string {
  const bytes = key as Uint8Array;
  const end = bytes.at(-1) === 0 ? bytes.length - 1 : bytes.length;
  return new TextDecoder().decode(bytes.subarray(0, end));
}
