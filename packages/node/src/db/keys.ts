import { DbError } from "./errors.ts";

/** A block number as a 4-byte big-endian key, so that key order is numeric order. */
export function blockNumberKey(number: number): Uint8Array {
  if (!Number.isInteger(number) || number < 0 || number > 0xffff_ffff) {
    throw new DbError("DB_INVALID_OPTIONS", `block number ${number} is not a u32`);
  }
  const key = new Uint8Array(4);
  new DataView(key.buffer).setUint32(0, number);
  return key;
}

/** Key of the `blockNumber` and `stateJournal` tables: u32 BE number ++ block hash. */
export function blockNumberHashKey(number: number, hash: Uint8Array): Uint8Array {
  const key = new Uint8Array(4 + hash.length);
  key.set(blockNumberKey(number));
  key.set(hash, 4);
  return key;
}

/** Reads the u32 BE block number at the start of a key. */
export function readBlockNumber(key: Uint8Array): number {
  if (key.length < 4) throw new DbError("DB_CORRUPT", `key of ${key.length} bytes holds no block number`);
  return new DataView(key.buffer, key.byteOffset, 4).getUint32(0);
}

/**
 * The smallest key greater than every key that starts with `prefix`, or undefined when there is
 * none (the prefix is all 0xff): the exclusive upper bound of a prefix scan.
 */
export function prefixEnd(prefix: Uint8Array): Uint8Array | undefined {
  for (let i = prefix.length - 1; i >= 0; i--) {
    if (prefix[i] !== 0xff) {
      const end = prefix.slice(0, i + 1);
      end[i] = end[i]! + 1;
      return end;
    }
  }
  return undefined;
}
