import { compareBytes, toHex, utf8Bytes } from "@canary/primitives";
import { DbError, purgeAdvice } from "./errors.ts";
import type { ChainIdentity } from "./options.ts";

/** Layout version of every table (tables.ts). Bump it on any change to a name, key or value layout. */
export const SCHEMA_VERSION = 3;

/** Keys of the `meta` table and their values. */
export const metaKeys = {
  /** u32 BE, SCHEMA_VERSION of the build that created the database. */
  schemaVersion: utf8Bytes("schemaVersion"),
  /** 32 bytes, ChainIdentity.genesisHash. */
  genesisHash: utf8Bytes("genesisHash"),
  /** UTF-8, ChainIdentity.chainId. */
  chainId: utf8Bytes("chainId"),
  /** 32-byte hash of the best block. */
  bestBlock: utf8Bytes("bestBlock"),
  /** 32-byte hash of the last finalized block. */
  finalizedBlock: utf8Bytes("finalizedBlock"),
  /** u32 BE: the highest canonical block whose state was pruned (absent: none yet). */
  prunedTo: utf8Bytes("prunedTo"),
  /**
   * 32-byte block hash ++ SCALE GRANDPA justification: the newest finalization's proof (absent
   * before the first), which ends a warp proof (Substrate's best justification).
   */
  latestJustification: utf8Bytes("latestJustification"),
} as const;

/** The meta entries a new database starts with. */
export function initialMeta(chain: ChainIdentity): Array<[Uint8Array, Uint8Array]> {
  const version = new Uint8Array(4);
  new DataView(version.buffer).setUint32(0, SCHEMA_VERSION);
  return [
    [metaKeys.schemaVersion, version],
    [metaKeys.genesisHash, chain.genesisHash],
    [metaKeys.chainId, utf8Bytes(chain.chainId)],
  ];
}

/**
 * Checks an existing database's meta against this build and the chain being started: schema first
 * (another schema may keep the identity differently), then the chain. Throws DbError.
 */
export function checkMeta(
  read: (key: Uint8Array) => Uint8Array | undefined,
  chain: ChainIdentity,
  path: string,
): void {
  const corrupt = (what: string) =>
    new DbError("DB_CORRUPT", `The database at ${path} is damaged: ${what}. ${purgeAdvice(path)}`);

  const version = read(metaKeys.schemaVersion);
  if (version === undefined) throw corrupt("it has no schema version");
  if (version.length !== 4) throw corrupt(`its schema version is ${version.length} bytes, not 4`);
  const found = new DataView(version.buffer, version.byteOffset, 4).getUint32(0);
  if (found !== SCHEMA_VERSION) {
    const why =
      found > SCHEMA_VERSION
        ? "It was written by a newer Canary: run that version to keep using it"
        : "There is no migration from that version";
    throw new DbError(
      "DB_SCHEMA_MISMATCH",
      `The database at ${path} has schema version ${found}, but this Canary reads version ${SCHEMA_VERSION}. ` +
        `${why}. ${purgeAdvice(path)}`,
    );
  }

  const genesisHash = read(metaKeys.genesisHash);
  if (genesisHash === undefined || genesisHash.length !== 32) throw corrupt("its genesis hash is missing");
  const chainIdBytes = read(metaKeys.chainId);
  if (chainIdBytes === undefined) throw corrupt("its chain id is missing");
  let chainId: string;
  try {
    chainId = new TextDecoder("utf-8", { fatal: true }).decode(chainIdBytes);
  } catch (cause) {
    throw new DbError("DB_CORRUPT", `The database at ${path} has a chain id that is not UTF-8.`, { cause });
  }
  if (chainId !== chain.chainId || compareBytes(genesisHash, chain.genesisHash) !== 0) {
    throw new DbError(
      "DB_CHAIN_MISMATCH",
      `The database at ${path} belongs to chain ${describeChain({ chainId, genesisHash })}, ` +
        `but the node is starting chain ${describeChain(chain)}. ${purgeAdvice(path)}`,
    );
  }
}

function describeChain(chain: ChainIdentity): string {
  return `"${chain.chainId}" (genesis ${toHex(chain.genesisHash)})`;
}
