/**
 * The node's database in memory, for the network simulator: the same tables, ordered keys, atomic
 * batches and snapshot iteration as the LMDB database, none of its files. What a committed batch
 * wrote survives a simulated crash (the object outlives the node); nothing else does.
 */
import { compareBytes, toHex } from "@canary/primitives";
import { DbError } from "./errors.ts";
import type { Database, DbEntry, KeyRange, WriteBatch } from "./interface.ts";
import { initialMeta } from "./meta.ts";
import type { ChainIdentity } from "./options.ts";
import { TABLES, type Table } from "./tables.ts";

type Rows = Map<string, DbEntry>;

export class MemoryDatabase implements Database {
  readonly path = ":memory:";
  readonly readOnly = false;
  readonly #tables = new Map<Table, Rows>(TABLES.map((t) => [t, new Map()]));
  /** Each table's keys in order, rebuilt after the writes that change them. */
  readonly #sorted = new Map<Table, DbEntry[]>();
  #closed = false;

  constructor(chain: ChainIdentity) {
    const batch = this.batch();
    for (const [key, value] of initialMeta(chain)) batch.put("meta", key, value);
    batch.commit();
  }

  #rows(table: Table): Rows {
    if (this.#closed) throw new DbError("DB_CLOSED", "the in-memory database is closed");
    return this.#tables.get(table)!;
  }

  get(table: Table, key: Uint8Array): Uint8Array | undefined {
    return this.#rows(table).get(toHex(key))?.value.slice();
  }

  has(table: Table, key: Uint8Array): boolean {
    return this.#rows(table).has(toHex(key));
  }

  *entries(table: Table, range: KeyRange = {}): Iterable<DbEntry> {
    let sorted = this.#sorted.get(table);
    if (!sorted) {
      sorted = [...this.#rows(table).values()].sort((a, b) => compareBytes(a.key, b.key));
      this.#sorted.set(table, sorted);
    }
    const list = range.reverse ? [...sorted].reverse() : sorted;
    let count = 0;
    for (const { key, value } of list) {
      if (range.prefix && !startsWith(key, range.prefix)) continue;
      if (range.gte && compareBytes(key, range.gte) < 0) continue;
      if (range.lt && compareBytes(key, range.lt) >= 0) continue;
      if (range.limit !== undefined && count++ >= range.limit) return;
      yield { key: key.slice(), value: value.slice() };
    }
  }

  *keys(table: Table, range?: KeyRange): Iterable<Uint8Array> {
    for (const { key } of this.entries(table, range)) yield key;
  }

  batch(): WriteBatch {
    const ops: Array<[Table, Uint8Array, Uint8Array | undefined]> = [];
    let done = false;
    const batch: WriteBatch = {
      put: (table, key, value) => {
        ops.push([table, key, value]);
        return batch;
      },
      delete: (table, key) => {
        ops.push([table, key, undefined]);
        return batch;
      },
      get size() {
        return ops.length;
      },
      commit: () => {
        if (done) throw new DbError("DB_WRITE_FAILED", "a batch commits once");
        done = true;
        for (const [table, key, value] of ops) {
          const rows = this.#rows(table);
          if (value === undefined) rows.delete(toHex(key));
          else rows.set(toHex(key), { key: key.slice(), value: value.slice() });
          this.#sorted.delete(table);
        }
      },
    };
    return batch;
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  /** Opens again after a simulated crash: the committed data, a new handle. */
  reopen(): MemoryDatabase {
    this.#closed = false;
    return this;
  }
}

function startsWith(key: Uint8Array, prefix: Uint8Array): boolean {
  if (key.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (key[i] !== prefix[i]) return false;
  return true;
}
