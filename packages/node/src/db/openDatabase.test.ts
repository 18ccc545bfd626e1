import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CanaryError, toHex } from "@canary/primitives";
import { open } from "lmdb";
import { afterAll, describe, expect, it } from "vitest";
import { DbError, type DbErrorCode } from "./errors.ts";
import { metaKeys, SCHEMA_VERSION } from "./meta.ts";
import { openDatabase } from "./openDatabase.ts";
import type { ChainIdentity, DatabaseOptions } from "./options.ts";

const chain: ChainIdentity = { genesisHash: new Uint8Array(32).fill(1), chainId: "canary_dev" };
const other: ChainIdentity = { genesisHash: new Uint8Array(32).fill(2), chainId: "canary_local" };
const dir = mkdtempSync(join(tmpdir(), "canary-db-open-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const newPath = () => join(dir, `db${n++}`);

/** Creates a database with a little data in it, closed again. */
async function created(): Promise<string> {
  const path = newPath();
  const db = openDatabase({ path, chain });
  const batch = db.batch();
  for (let i = 0; i < 2000; i++)
    batch.put("header", Uint8Array.of(i >> 8, i & 0xff), new Uint8Array(100).fill(i));
  batch.commit();
  await db.close();
  return path;
}

/** Changes a database behind openDatabase's back, with lmdb directly. */
async function tamper(path: string, edit: (env: ReturnType<typeof open>) => void): Promise<void> {
  const env = open({ path, overlappingSync: false, encoding: "binary", keyEncoding: "binary" });
  env.transactionSync(() => edit(env));
  await env.close();
}

function metaStore(env: ReturnType<typeof open>) {
  return env.openDB({ name: "meta", encoding: "binary", keyEncoding: "binary" });
}

/** Every file but LMDB's lock file, with a hash of its bytes: what "unchanged" means here. */
function snapshot(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  if (!statSync(path).isDirectory())
    return { ".": createHash("sha256").update(readFileSync(path)).digest("hex") };
  const files: Record<string, string> = {};
  for (const name of readdirSync(path).filter((f) => f !== "lock.mdb")) {
    files[name] = createHash("sha256")
      .update(readFileSync(join(path, name)))
      .digest("hex");
  }
  return files;
}

/** Asserts that opening fails with `code`, changes nothing, and returns the error. */
function refused(options: DatabaseOptions, code: DbErrorCode): DbError {
  const before = snapshot(options.path);
  let error: unknown;
  try {
    openDatabase(options);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DbError);
  expect(error).toBeInstanceOf(CanaryError);
  expect((error as DbError).code, (error as Error).message).toBe(code);
  expect(snapshot(options.path)).toEqual(before);
  return error as DbError;
}

describe("a new database", () => {
  it("records the schema version and the chain, and reopens", async () => {
    const path = newPath();
    const db = openDatabase({ path, chain });
    expect(db.get("meta", metaKeys.schemaVersion)).toEqual(Uint8Array.of(0, 0, 0, SCHEMA_VERSION));
    expect(db.get("meta", metaKeys.genesisHash)).toEqual(chain.genesisHash);
    expect(new TextDecoder().decode(db.get("meta", metaKeys.chainId))).toBe("canary_dev");
    await db.close();
    const again = openDatabase({ path, chain });
    expect(again.get("meta", metaKeys.genesisHash)).toEqual(chain.genesisHash);
    await again.close();
  });

  it("is created under a path with a dot in it (a directory, not a file)", async () => {
    const path = join(newPath(), "chains", "canary.dev", "db");
    const db = openDatabase({ path, chain });
    await db.close();
    expect(readdirSync(path).sort()).toEqual(["canary-db.json", "data.mdb", "lock.mdb"]);
  });

  it("is finished by the next open when its creation was cut short", async () => {
    const path = newPath();
    await tamper(path, (env) => {
      env.openDB({ name: "meta", encoding: "binary", keyEncoding: "binary" });
      env.openDB({ name: "header", encoding: "binary", keyEncoding: "binary" });
    });
    refused({ path, chain, readOnly: true }, "DB_NOT_FOUND");
    const db = openDatabase({ path, chain });
    expect(db.get("meta", metaKeys.chainId)).toBeDefined();
    await db.close();
  });

  it("is created over an empty data.mdb (LMDB stopped before writing it)", async () => {
    const path = newPath();
    mkdirSync(path);
    writeFileSync(join(path, "data.mdb"), "");
    refused({ path, chain, readOnly: true }, "DB_NOT_FOUND");
    const db = openDatabase({ path, chain });
    await db.close();
    const ro = openDatabase({ path, chain, readOnly: true });
    expect(ro.get("meta", metaKeys.chainId)).toBeDefined();
    await ro.close();
  });

  it("is not created read-only", () => {
    const path = newPath();
    expect(refused({ path, chain, readOnly: true }, "DB_NOT_FOUND").message).toMatch(/no database at/);
    expect(existsSync(path)).toBe(false);
  });

  it("needs a 32-byte genesis hash and a chain id", () => {
    const path = newPath();
    refused({ path, chain: { ...chain, genesisHash: new Uint8Array(31) } }, "DB_INVALID_OPTIONS");
    refused({ path, chain: { ...chain, chainId: "" } }, "DB_INVALID_OPTIONS");
    expect(existsSync(path)).toBe(false);
  });
});

describe("a database of another schema or chain", () => {
  it("is refused when its schema version differs, saying which and what to do", async () => {
    for (const version of [SCHEMA_VERSION + 1, 0]) {
      const path = await created();
      await tamper(path, (env) =>
        metaStore(env).putSync(metaKeys.schemaVersion, Uint8Array.of(0, 0, 0, version)),
      );
      for (const readOnly of [false, true]) {
        const { message } = refused({ path, chain, readOnly }, "DB_SCHEMA_MISMATCH");
        expect(message).toContain(`schema version ${version}`);
        expect(message).toContain(`reads version ${SCHEMA_VERSION}`);
        expect(message).toContain("canary purge-chain");
        expect(message).toContain("--base-path");
      }
    }
  });

  it("is refused when its genesis hash or chain id differs, naming both chains", async () => {
    const path = await created();
    for (const wrong of [
      other,
      { ...chain, genesisHash: other.genesisHash },
      { ...chain, chainId: "kusama" },
    ]) {
      for (const readOnly of [false, true]) {
        const { message } = refused({ path, chain: wrong, readOnly }, "DB_CHAIN_MISMATCH");
        expect(message).toContain(`"canary_dev" (genesis ${toHex(chain.genesisHash)})`);
        expect(message).toContain(`"${wrong.chainId}" (genesis ${toHex(wrong.genesisHash)})`);
        expect(message).toContain("canary purge-chain");
      }
    }
    const db = openDatabase({ path, chain }); // still fine for its own chain
    expect(db.get("header", Uint8Array.of(0, 5))).toEqual(new Uint8Array(100).fill(5));
    await db.close();
  });
});

describe("a path that is not a usable database", () => {
  it("is refused when data.mdb is not an LMDB file (without crashing the process)", () => {
    for (const size of [100, 64 * 1024]) {
      const path = newPath();
      mkdirSync(path);
      writeFileSync(join(path, "data.mdb"), new Uint8Array(size).fill(7));
      for (const readOnly of [false, true]) {
        expect(refused({ path, chain, readOnly }, "DB_CORRUPT").message).toMatch(
          /not a readable LMDB database/,
        );
      }
    }
  });

  it("is refused when data.mdb is truncated or of another LMDB format version", async () => {
    const truncated = await created();
    truncateSync(join(truncated, "data.mdb"), 3 * 4096);
    expect(refused({ path: truncated, chain }, "DB_CORRUPT").message).toMatch(/truncated/);

    const versioned = await created();
    const file = join(versioned, "data.mdb");
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt32LE(48);
    bytes.writeUInt32LE(9, 28);
    bytes.writeUInt32LE(9, pageSize + 28);
    writeFileSync(file, bytes);
    expect(refused({ path: versioned, chain }, "DB_CORRUPT").message).toMatch(/format version is 9/);
  });

  it("is refused when its metadata is damaged or missing", async () => {
    const badVersion = await created();
    await tamper(badVersion, (env) => metaStore(env).putSync(metaKeys.schemaVersion, Uint8Array.of(1, 2, 3)));
    refused({ path: badVersion, chain }, "DB_CORRUPT");

    const noGenesis = await created();
    await tamper(noGenesis, (env) => metaStore(env).removeSync(metaKeys.genesisHash));
    refused({ path: noGenesis, chain }, "DB_CORRUPT");

    const noMeta = await created(); // blocks but no meta at all
    await tamper(noMeta, (env) => metaStore(env).clearSync());
    expect(refused({ path: noMeta, chain }, "DB_CORRUPT").message).toMatch(/header has data/);

    const noTable = await created();
    await tamper(noTable, (env) =>
      env.openDB({ name: "stateJournal", encoding: "binary", keyEncoding: "binary" }).dropSync(),
    );
    expect(refused({ path: noTable, chain }, "DB_CORRUPT").message).toMatch(/stateJournal are missing/);

    // A bit flip in the name of the meta table ("meta" → "me|a"): Canary's damaged database, not
    // another program's, as its record says.
    const renamed = await created();
    await tamper(renamed, (env) => {
      metaStore(env).dropSync();
      env.putSync(new TextEncoder().encode("me|a"), Uint8Array.of(1));
    });
    expect(refused({ path: renamed, chain }, "DB_CORRUPT").message).toMatch(
      /damaged: its metadata table is gone and it has 1 entries Canary does not use \(e\.g\. "me\|a"\)/,
    );
  });

  it("is refused when it holds another program's LMDB database", async () => {
    const path = newPath();
    await tamper(path, (env) => env.putSync("settings", Uint8Array.of(1)));
    expect(refused({ path, chain }, "DB_NOT_A_DATABASE").message).toMatch(/not Canary's/);
  });

  it("is refused when it is a file, or a directory of other files", () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "hello");
    refused({ path: file, chain }, "DB_NOT_A_DATABASE");
    expect(readFileSync(file, "utf8")).toBe("hello");

    const home = newPath();
    mkdirSync(home);
    writeFileSync(join(home, "notes.txt"), "mine");
    expect(refused({ path: home, chain }, "DB_NOT_A_DATABASE").message).toMatch(/notes\.txt/);
    expect(readdirSync(home)).toEqual(["notes.txt"]);
  });
});
