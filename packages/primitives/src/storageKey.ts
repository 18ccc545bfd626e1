/**
 * Storage keys as FRAME builds them: twox128(pallet) ++ twox128(item) ++ hasher(key) for each
 * key of a map. "Concat" hashers and Identity keep the encoded key readable after the hash, so
 * the keys of a map can be recovered by iterating its prefix.
 */
import { CanaryError, DecodeError } from "./errors.ts";
import { blake2_128, blake2_256, twox64, twox128, twox256 } from "./hashing.ts";
import { bytesEqual, concatBytes } from "./hex.ts";
import { Reader } from "./scale/reader.ts";
import { encodeUtf8 } from "./utf8.ts";

export type StorageHasher =
  | "Blake2_128"
  | "Blake2_256"
  | "Blake2_128Concat"
  | "Twox128"
  | "Twox256"
  | "Twox64Concat"
  | "Identity";

/** In metadata order: a hasher's index here is its `StorageHasher` variant index. */
export const STORAGE_HASHERS: readonly StorageHasher[] = [
  "Blake2_128",
  "Blake2_256",
  "Blake2_128Concat",
  "Twox128",
  "Twox256",
  "Twox64Concat",
  "Identity",
];

export interface StorageHasherInfo {
  /** Variant index in metadata. */
  index: number;
  /** Bytes of hash written before the key (0 for Identity). */
  hashLength: number;
  /** Whether the encoded key follows the hash, so it can be read back from the storage key. */
  transparent: boolean;
}

export const STORAGE_HASHER_INFO: Readonly<Record<StorageHasher, StorageHasherInfo>> = {
  Blake2_128: { index: 0, hashLength: 16, transparent: false },
  Blake2_256: { index: 1, hashLength: 32, transparent: false },
  Blake2_128Concat: { index: 2, hashLength: 16, transparent: true },
  Twox128: { index: 3, hashLength: 16, transparent: false },
  Twox256: { index: 4, hashLength: 32, transparent: false },
  Twox64Concat: { index: 5, hashLength: 8, transparent: true },
  Identity: { index: 6, hashLength: 0, transparent: true },
};

export function storageHasherFromIndex(index: number): StorageHasher {
  const hasher = STORAGE_HASHERS[index];
  if (hasher === undefined)
    throw new DecodeError("unknown-variant", "StorageHasher", `no hasher with index ${index}`);
  return hasher;
}

/** The bytes one map key contributes to a storage key. */
export function hashKeyPart(hasher: StorageHasher, encodedKey: Uint8Array): Uint8Array {
  switch (hasher) {
    case "Blake2_128":
      return blake2_128(encodedKey);
    case "Blake2_256":
      return blake2_256(encodedKey);
    case "Blake2_128Concat":
      return concatBytes(blake2_128(encodedKey), encodedKey);
    case "Twox128":
      return twox128(encodedKey);
    case "Twox256":
      return twox256(encodedKey);
    case "Twox64Concat":
      return concatBytes(twox64(encodedKey), encodedKey);
    case "Identity":
      return encodedKey.slice();
  }
  throw new CanaryError("STORAGE_UNKNOWN_HASHER", `unknown storage hasher ${String(hasher)}`);
}

// Pallet and item names are a runtime's fixed vocabulary, so these caches stay small; the cap
// only guards against a caller that feeds arbitrary names.
const CACHE_LIMIT = 4096;
const palletCache = new Map<string, Uint8Array>();
const itemCache = new Map<string, Map<string, Uint8Array>>();
let itemCacheSize = 0;

/** twox128(pallet): the prefix under which all of a pallet's storage lives. */
export function palletPrefix(pallet: string): Uint8Array {
  let hash = palletCache.get(pallet);
  if (hash === undefined) {
    if (palletCache.size >= CACHE_LIMIT) palletCache.clear();
    hash = twox128(encodeUtf8(pallet));
    palletCache.set(pallet, hash);
  }
  return hash.slice();
}

/** twox128(pallet) ++ twox128(item): the key of a plain value, the prefix of a map. */
export function storagePrefix(pallet: string, item: string): Uint8Array {
  let items = itemCache.get(pallet);
  let prefix = items?.get(item);
  if (prefix === undefined) {
    if (itemCacheSize >= CACHE_LIMIT) {
      itemCache.clear();
      itemCacheSize = 0;
      items = undefined;
    }
    if (items === undefined) {
      items = new Map();
      itemCache.set(pallet, items);
    }
    prefix = concatBytes(palletPrefix(pallet), twox128(encodeUtf8(item)));
    items.set(item, prefix);
    itemCacheSize++;
  }
  // A copy: callers may write into the bytes they get, the cache must not change.
  return prefix.slice();
}

export function storageKey(
  pallet: string,
  item: string,
  ...parts: Array<readonly [StorageHasher, Uint8Array]>
): Uint8Array {
  return concatBytes(storagePrefix(pallet, item), ...parts.map(([hasher, key]) => hashKeyPart(hasher, key)));
}

/**
 * How to find the end of a key part: the hasher alone (an opaque hasher, or a transparent one in
 * last place, whose key is the rest), or with the key's codec or its fixed encoded length.
 */
export type KeyPartSpec = StorageHasher | readonly [StorageHasher, { read(r: Reader): unknown } | number];

export interface StorageKeyPart {
  hasher: StorageHasher;
  /** The hash bytes (empty for Identity). */
  hash: Uint8Array;
  /** The encoded key for transparent hashers; undefined for opaque ones. */
  key: Uint8Array | undefined;
}

/**
 * Splits a full storage key of `pallet.item` into its key parts. Throws `bad-prefix` for a key of
 * another item, `bad-length` when a hash does not fit, `bad-checksum` when a transparent hasher's
 * hash does not match its key, `trailing-bytes` when bytes are left, and whatever a key's codec
 * throws for a malformed key.
 */
export function splitStorageKey(
  fullKey: Uint8Array,
  pallet: string,
  item: string,
  parts: readonly KeyPartSpec[],
): StorageKeyPart[] {
  const what = `storage key ${pallet}.${item}`;
  const prefix = storagePrefix(pallet, item);
  if (fullKey.length < prefix.length)
    throw new DecodeError("bad-length", what, `${fullKey.length} bytes, shorter than the prefix`);
  if (!bytesEqual(fullKey.subarray(0, prefix.length), prefix))
    throw new DecodeError("bad-prefix", what, "the key belongs to another storage item");
  let at = prefix.length;
  const out: StorageKeyPart[] = [];
  parts.forEach((spec, i) => {
    const [hasher, length] = typeof spec === "string" ? [spec, undefined] : spec;
    const info = STORAGE_HASHER_INFO[hasher];
    if (at + info.hashLength > fullKey.length)
      throw new DecodeError("bad-length", what, `key part ${i} needs a ${info.hashLength}-byte hash`);
    const hash = fullKey.slice(at, at + info.hashLength);
    at += info.hashLength;
    if (!info.transparent) {
      out.push({ hasher, hash, key: undefined });
      return;
    }
    let end: number;
    if (length === undefined) {
      if (i !== parts.length - 1)
        throw new CanaryError("STORAGE_KEY_SPEC", `${what}: key part ${i} needs a codec or a length`);
      end = fullKey.length;
    } else if (typeof length === "number") {
      end = at + length;
      if (end > fullKey.length)
        throw new DecodeError("bad-length", what, `key part ${i} needs ${length} byte(s)`);
    } else {
      end = at + readKeyLength(length, fullKey.subarray(at), what);
    }
    const key = fullKey.slice(at, end);
    // The hash is checked: a key whose hash does not match is not a key of this map.
    if (!bytesEqual(hashKeyPart(hasher, key).subarray(0, info.hashLength), hash))
      throw new DecodeError("bad-checksum", what, `key part ${i}: the ${hasher} hash does not match the key`);
    out.push({ hasher, hash, key });
    at = end;
  });
  if (at !== fullKey.length)
    throw new DecodeError("trailing-bytes", what, `${fullKey.length - at} byte(s) after the last key part`);
  return out;
}

/** How many bytes the codec reads from the start of `bytes`. */
function readKeyLength(codec: { read(r: Reader): unknown }, bytes: Uint8Array, what: string): number {
  const r = new Reader(bytes);
  try {
    codec.read(r);
  } catch (e) {
    if (e instanceof DecodeError) throw e;
    throw new DecodeError("invalid-value", what, "key decoder failed", { cause: e });
  }
  return r.offset;
}
