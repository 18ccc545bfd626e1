import { DbError } from "./errors.ts";
import type { WriteBatch } from "./interface.ts";
import type { Table } from "./tables.ts";

/** The recorded operations: parallel arrays, `undefined` value = delete. */
export interface BatchOps {
  tables: Table[];
  keys: Uint8Array[];
  values: Array<Uint8Array | undefined>;
}

/** Records writes; `apply` (the database's) performs them in one LMDB write transaction. */
export class LmdbWriteBatch implements WriteBatch {
  private readonly ops: BatchOps = { tables: [], keys: [], values: [] };
  private readonly apply: (ops: BatchOps) => void;
  private committed = false;

  constructor(apply: (ops: BatchOps) => void) {
    this.apply = apply;
  }

  get size(): number {
    return this.ops.tables.length;
  }

  put(table: Table, key: Uint8Array, value: Uint8Array): this {
    return this.record(table, key, value);
  }

  delete(table: Table, key: Uint8Array): this {
    return this.record(table, key, undefined);
  }

  commit(): void {
    this.assertOpen();
    this.committed = true;
    this.apply(this.ops);
  }

  private record(table: Table, key: Uint8Array, value: Uint8Array | undefined): this {
    this.assertOpen();
    this.ops.tables.push(table);
    this.ops.keys.push(key);
    this.ops.values.push(value);
    return this;
  }

  private assertOpen(): void {
    if (this.committed) {
      throw new DbError(
        "DB_BATCH_COMMITTED",
        "This write batch was already committed; start a new one with db.batch().",
      );
    }
  }
}
