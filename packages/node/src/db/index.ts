export { DbError, type DbErrorCode } from "./errors.ts";
export type { Database, DatabaseReader, DbEntry, KeyRange, WriteBatch } from "./interface.ts";
export { blockNumberHashKey, blockNumberKey, readBlockNumber } from "./keys.ts";
export { metaKeys, SCHEMA_VERSION } from "./meta.ts";
export { openDatabase } from "./openDatabase.ts";
export { type ChainIdentity, type DatabaseOptions, defaultDatabaseOptions } from "./options.ts";
export { DATABASE_FILES, purgeDatabase } from "./purge.ts";
export { TABLES, type Table } from "./tables.ts";
