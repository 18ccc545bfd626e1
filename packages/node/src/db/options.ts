/** The chain a database belongs to; recorded when it is created and checked at every open. */
export interface ChainIdentity {
  /** blake2b-256 hash of the genesis header (32 bytes). */
  genesisHash: Uint8Array;
  /** The chain spec's `id`, e.g. "canary_dev". */
  chainId: string;
}

export interface DatabaseOptions {
  /** Directory of the LMDB environment (holds data.mdb and lock.mdb). Created if absent. */
  path: string;
  chain: ChainIdentity;
  /** Open without the ability to write; the path must hold an initialised database. */
  readOnly?: boolean;
  /**
   * true: commit() returns after the data is flushed to disk, so it survives a power loss.
   * false: commit() returns once the OS holds the data, so it survives a crash of the process but
   * not of the machine (LMDB stays consistent, the last commits may be lost). For --tmp and tests.
   */
  sync?: boolean;
}

export const defaultDatabaseOptions = {
  readOnly: false,
  sync: true,
} satisfies Partial<DatabaseOptions>;
