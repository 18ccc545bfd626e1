/**
 * Looks at a database path before LMDB does. lmdb@3.5.6 kills the process with SIGSEGV instead of
 * throwing when data.mdb is not a valid LMDB file (bad magic or version, empty file opened
 * read-only, too short) and when its pages are truncated, so these are checked here, with plain
 * reads that change nothing.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { DbError, purgeAdvice } from "./errors.ts";
import { RECORD_FILE } from "./record.ts";

export const DATA_FILE = "data.mdb";
export const LOCK_FILE = "lock.mdb";

/** "new": nothing there yet (or an LMDB creation that never wrote a page); "lmdb": a valid LMDB file. */
export type PathState = "new" | "lmdb";

export function inspectPath(path: string): PathState {
  let entries: string[];
  try {
    if (!statSync(path).isDirectory()) {
      throw new DbError(
        "DB_NOT_A_DATABASE",
        `${path} is a file, not a database directory. Start the node with another --base-path.`,
      );
    }
    entries = readdirSync(path);
  } catch (cause) {
    if (cause instanceof DbError) throw cause;
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") return "new";
    throw new DbError("DB_OPEN_FAILED", `Cannot read the database directory ${path}: ${String(cause)}`, {
      cause,
    });
  }
  // A record says a database was created here: its data cannot just be gone.
  const recorded = entries.includes(RECORD_FILE);
  const lost = (what: string) =>
    new DbError(
      "DB_DATA_MISSING",
      `The database at ${path} has lost its data: ${what}, though ${RECORD_FILE} shows a chain was stored there. ` +
        `The node will not start a new chain over it. Restore ${DATA_FILE} from a backup, or ${purgeAdvice(path).replace(/^D/, "d")}`,
    );
  if (!entries.includes(DATA_FILE)) {
    if (recorded) throw lost(`${DATA_FILE} is missing`);
    const others = entries.filter((e) => e !== LOCK_FILE);
    if (others.length === 0) return "new";
    throw new DbError(
      "DB_NOT_A_DATABASE",
      `${path} is not a database directory: it holds other files (${others.slice(0, 3).join(", ")}` +
        `${others.length > 3 ? ", …" : ""}) and no ${DATA_FILE}. Start the node with another --base-path.`,
    );
  }
  const file = join(path, DATA_FILE);
  if (statSync(file).size === 0) {
    if (recorded) throw lost(`${DATA_FILE} is empty`);
    return "new"; // LMDB created the file and was stopped before writing it
  }
  checkLmdbHeader(file, path);
  return "lmdb";
}

// Layout of LMDB's two meta pages (pages 0 and 1), little-endian on the machines Node supports:
// a 24-byte page header, then MDB_meta: magic u32, version u32, address u64, mapsize u64,
// 2 × MDB_db (48 bytes; the first one's u32 md_pad holds the page size), last_pg u64, txnid u64.
const MAGIC_OFFSET = 24;
const VERSION_OFFSET = 28;
const PAGE_SIZE_OFFSET = 48;
const LAST_PAGE_OFFSET = 144;
const TXNID_OFFSET = 152;
const META_BYTES = 160;
const LMDB_MAGIC = 0xbeefc0de;
/** The data format version the bundled LMDB (lmdb-js 3, LMDB 1.0 format) writes and reads. */
const LMDB_DATA_VERSION = 2;

interface MetaPage {
  pageSize: number;
  lastPage: number;
  txnid: bigint;
}

function checkLmdbHeader(file: string, path: string): void {
  const fd = openSync(file, "r");
  try {
    const size = statSync(file).size;
    const corrupt = (what: string) =>
      new DbError("DB_CORRUPT", `${file} is not a readable LMDB database: ${what}. ${purgeAdvice(path)}`);
    const readMeta = (offset: number): MetaPage => {
      const bytes = new Uint8Array(META_BYTES);
      if (readSync(fd, bytes, 0, META_BYTES, offset) !== META_BYTES) {
        throw corrupt(`the file is too short (${size} bytes)`);
      }
      const view = new DataView(bytes.buffer);
      if (view.getUint32(MAGIC_OFFSET, true) !== LMDB_MAGIC) throw corrupt("it has no LMDB signature");
      const version = view.getUint32(VERSION_OFFSET, true);
      if (version !== LMDB_DATA_VERSION) {
        throw corrupt(`its LMDB format version is ${version}, this build reads ${LMDB_DATA_VERSION}`);
      }
      return {
        pageSize: view.getUint32(PAGE_SIZE_OFFSET, true),
        lastPage: Number(view.getBigUint64(LAST_PAGE_OFFSET, true)),
        txnid: view.getBigUint64(TXNID_OFFSET, true),
      };
    };
    const first = readMeta(0);
    const { pageSize } = first;
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
      throw corrupt(`its page size ${pageSize} is invalid`);
    }
    const second = readMeta(pageSize);
    const current = second.txnid > first.txnid ? second : first;
    const needed = (current.lastPage + 1) * pageSize;
    if (size < needed) throw corrupt(`it is truncated (${size} bytes, its last page ends at ${needed})`);
  } finally {
    closeSync(fd);
  }
}
