import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { blockHash, encodeUtf8, type Header } from "@canary/primitives";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recordFor, writeRecord } from "../db/index.ts";
import type { Genesis } from "../genesis/index.ts";
import {
  GENESIS_HEADER_FILE,
  genesisFingerprint,
  lazyGenesis,
  rememberedGenesisHeader,
  rememberGenesisHeader,
} from "./genesisCache.ts";

const header = (n: number): Header => ({
  parentHash: new Uint8Array(32),
  number: 0,
  stateRoot: new Uint8Array(32).fill(n),
  extrinsicsRoot: new Uint8Array(32).fill(9),
  digest: [],
});
const code = Uint8Array.of(0, 97, 115, 109);
const config = { config: encodeUtf8('{"balances":{"balances":[]}}') };

describe("the remembered genesis header", () => {
  let dir: string;
  let file: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "canary-genesis-cache-"));
    file = join(dir, GENESIS_HEADER_FILE);
    db = dir; // the database record sits in the database directory
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const holds = (h: Header) => writeRecord(db, recordFor({ chainId: "test", genesisHash: blockHash(h) }));

  it("is used when its fingerprint matches and the database holds that genesis", () => {
    const fp = genesisFingerprint(code, config);
    rememberGenesisHeader(file, fp, header(1));
    holds(header(1));
    expect(rememberedGenesisHeader(file, fp, db)).toEqual(header(1));
  });

  it("is not used for other inputs, another database, or when absent or damaged", () => {
    const fp = genesisFingerprint(code, config);
    expect(rememberedGenesisHeader(file, fp, db)).toBeUndefined(); // absent
    rememberGenesisHeader(file, fp, header(1));
    expect(rememberedGenesisHeader(file, fp, db)).toBeUndefined(); // no database record
    holds(header(2));
    expect(rememberedGenesisHeader(file, fp, db)).toBeUndefined(); // the database holds another genesis
    holds(header(1));
    const otherConfig = genesisFingerprint(code, {
      config: encodeUtf8('{"balances":{"balances":[["x",1]]}}'),
    });
    expect(rememberedGenesisHeader(file, otherConfig, db)).toBeUndefined();
    expect(rememberedGenesisHeader(file, genesisFingerprint(Uint8Array.of(1), config), db)).toBeUndefined();
    writeFileSync(file, "{not json");
    expect(rememberedGenesisHeader(file, fp, db)).toBeUndefined();
  });

  it("fingerprints presets by name and configs by content", () => {
    expect(genesisFingerprint(code, { preset: "development" })).toEqual(
      genesisFingerprint(code, { preset: "development" }),
    );
    expect(genesisFingerprint(code, { preset: "development" })).not.toEqual(
      genesisFingerprint(code, { preset: "local_testnet" }),
    );
    expect(genesisFingerprint(code, config)).toEqual(
      genesisFingerprint(code, { config: encodeUtf8('{"balances":{"balances":[]}}') }),
    );
  });
});

describe("lazyGenesis", () => {
  it("builds the storage on first use only, once", () => {
    let builds = 0;
    const built: Genesis = { header: header(1), storage: [[Uint8Array.of(1), Uint8Array.of(2)]] };
    const genesis = lazyGenesis(header(1), () => {
      builds++;
      return built;
    });
    expect(blockHash(genesis.header)).toEqual(blockHash(header(1)));
    expect(builds).toBe(0);
    expect(genesis.storage).toBe(built.storage);
    expect(genesis.children).toBeUndefined();
    expect(builds).toBe(1);
  });
});
