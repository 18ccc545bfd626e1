/**
 * A restart need not build genesis again. Building it runs the runtime's GenesisBuilder over the
 * whole config (for 100,000 funded accounts: seconds, and hundreds of MiB that V8 keeps), only for
 * the header's hash when the database already holds the state. So the node remembers, beside the
 * database, the genesis header and a fingerprint of what it was built from (the runtime code and
 * the preset or config); a later start with the same inputs, on a database whose record names that
 * header's hash, takes the header from there. The storage stays available, built on first use.
 *
 * Nothing here is trusted further than before: the database's own identity check still compares
 * the hash, and a genesis written from a lazy storage is still checked against the header's root.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { blake2_256, blockHash, concatBytes, encodeUtf8, fromHex, Header, toHex } from "@canary/primitives";
import { readRecord } from "../db/index.ts";
import type { Genesis, GenesisSource } from "../genesis/index.ts";

/** The file, in the chain's directory beside `db/`. */
export const GENESIS_HEADER_FILE = "genesis-header.json";

/** Bump when the host's part of building genesis changes what a source gives. */
const FINGERPRINT_VERSION = encodeUtf8("canary-genesis-1");

/** A fingerprint of everything a built genesis depends on. */
export function genesisFingerprint(code: Uint8Array, source: GenesisSource): Uint8Array {
  const what = "preset" in source ? encodeUtf8(`preset:${source.preset}`) : blake2_256(source.config);
  return blake2_256(concatBytes(FINGERPRINT_VERSION, blake2_256(code), what));
}

interface Remembered {
  fingerprint: string;
  header: string;
}

/** The remembered genesis header in `file`, if it is for `fingerprint` and database `dbPath` holds it. */
export function rememberedGenesisHeader(
  file: string,
  fingerprint: Uint8Array,
  dbPath: string,
): Header | undefined {
  let remembered: Remembered;
  try {
    remembered = JSON.parse(readFileSync(file, "utf8")) as Remembered;
    if (remembered.fingerprint !== toHex(fingerprint)) return undefined;
    const header = Header.dec(fromHex(remembered.header));
    const record = readRecord(dbPath);
    return record?.genesisHash === toHex(blockHash(header)) ? header : undefined;
  } catch {
    return undefined; // absent or unreadable: genesis is built, as on a first start
  }
}

/** Remembers `header` for `fingerprint` (written whole, then renamed over the old file). */
export function rememberGenesisHeader(file: string, fingerprint: Uint8Array, header: Header): void {
  const text = JSON.stringify({ fingerprint: toHex(fingerprint), header: toHex(Header.enc(header)) });
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

/** A genesis whose storage is built by `build` on first use. */
export function lazyGenesis(header: Header, build: () => Genesis): Genesis {
  let built: Genesis | undefined;
  const get = () => {
    built ??= build();
    return built;
  };
  return {
    header,
    get storage() {
      return get().storage;
    },
    get children() {
      return get().children;
    },
  };
}
