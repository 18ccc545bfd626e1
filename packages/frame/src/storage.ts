/**
 * Storage declarations. A pallet declares each item once (type, hashers, default, docs); binding
 * it to the pallet's name gives the typed accessor (keys computed as FRAME does) and its metadata
 * entry. Values live in the host's state; every access goes through the current host.
 */
import {
  bytesEqual,
  type Codec,
  concatBytes,
  DecodeError,
  hashKeyPart,
  keyId,
  Reader,
  Slab,
  STORAGE_HASHER_INFO,
  type StorageHasher,
  storagePrefix,
  type TypeDesc,
} from "@canary/primitives";
import { host } from "./context.ts";
import type { StorageEntryMetadata } from "./metadata/model.ts";
import { CachedStorageHost } from "./storageCache.ts";

export interface StorageOptions<V, D extends V | undefined> {
  value: Codec<V>;
  /** Returned when the key is absent (a `ValueQuery`); without it, absent reads as undefined (`OptionQuery`). */
  default?: D;
  docs?: string[];
}

/** Decodes a stored value; corrupt bytes read as absent and are logged, as FRAME does. */
function decodeStored<V>(codec: Codec<V>, bytes: Uint8Array | undefined, what: string): V | undefined {
  if (bytes === undefined) return undefined;
  try {
    return codec.dec(bytes);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    host().log("error", "runtime::storage", `corrupted value at ${what}: ${e.message}`);
    return undefined;
  }
}

/** Decoded values a storage declaration remembers (see StorageEntry.read): a transfer's accounts. */
const DECODED_SLOTS = 8;

abstract class StorageEntry<V, D extends V | undefined> {
  readonly pallet: string;
  readonly name: string;
  readonly prefix: Uint8Array;
  protected readonly prefixId: string;
  protected readonly codec: Codec<V>;
  protected readonly fallback: D;
  readonly docs: string[];

  constructor(pallet: string, name: string, options: StorageOptions<V, D>) {
    this.pallet = pallet;
    this.name = name;
    this.prefix = storagePrefix(pallet, name);
    this.prefixId = keyId(this.prefix);
    this.codec = options.value;
    this.#copy = options.value.copy;
    this.#copyDecoded = options.value.copyDecoded;
    this.fallback = options.default as D;
    this.docs = options.docs ?? [];
  }

  /** Reads `key`, whose cache id is `id` (see storageCache.ts). */
  protected read(key: Uint8Array, id: string): V | D {
    const h = host();
    const cached = h instanceof CachedStorageHost;
    const bytes = cached ? h.getWithId(key, id) : h.storageGet(key);
    const copy = cached && bytes !== undefined ? this.#copyDecoded : undefined;
    if (copy !== undefined) {
      const known = this.#decodedOf(bytes!);
      if (known !== undefined) return copy(known);
    }
    const value = decodeStored(this.codec, bytes, `${this.pallet}.${this.name}`);
    if (value === undefined) return this.freshDefault();
    if (copy === undefined) return value;
    this.#keepDecoded(bytes!, value);
    return copy(value);
  }

  // Values of a codec with `copy` (numbers and structs of them, like an account's) are remembered
  // by the bytes the runtime's storage cache holds for them, whose identity stands for their
  // content (the cache never modifies bytes it handed out or was given; a write gives new ones).
  // A read of the same bytes gets a copy of the value instead of decoding it again, and a write
  // remembers a copy of the value written under the bytes it encoded to. A transfer reads and
  // writes its sender's account some ten times. Readers get copies: they may modify them.
  readonly #copy: ((value: V) => V) | undefined;
  /** `copy` for what the slots below hold: decodings, and copies `copy` made. */
  readonly #copyDecoded: ((value: V) => V) | undefined;
  readonly #decodedBytes: (Uint8Array | undefined)[] = new Array(DECODED_SLOTS).fill(undefined);
  readonly #decodedValues: (V | undefined)[] = new Array(DECODED_SLOTS).fill(undefined);
  #nextSlot = 0;

  #decodedOf(bytes: Uint8Array): V | undefined {
    const held = this.#decodedBytes;
    for (let i = 0; i < DECODED_SLOTS; i++) if (held[i] === bytes) return this.#decodedValues[i];
    return undefined;
  }

  /** Keeps `value` (not handed to anyone else) as the decoding of `bytes`, in the oldest slot. */
  #keepDecoded(bytes: Uint8Array, value: V): void {
    const slot = this.#nextSlot;
    this.#decodedBytes[slot] = bytes;
    this.#decodedValues[slot] = value;
    this.#nextSlot = (slot + 1) % DECODED_SLOTS;
  }

  /** A new copy of the default on every read: callers may mutate what they get. */
  protected freshDefault(): D {
    if (this.fallback === undefined) return this.fallback;
    this.defaultBytes ??= this.codec.enc(this.fallback as V);
    return this.codec.dec(this.defaultBytes) as D;
  }

  private defaultBytes: Uint8Array | undefined;

  protected write(key: Uint8Array, id: string, value: V | undefined): void {
    const h = host();
    if (h instanceof CachedStorageHost) {
      if (value === undefined) h.clearWithId(key, id);
      else {
        const bytes = this.codec.enc(value);
        h.setWithId(key, id, bytes);
        // Copied after encoding: only a value that encoded is known to copy as its decoding.
        if (this.#copy !== undefined) this.#keepDecoded(bytes, this.#copy(value));
      }
    } else if (value === undefined) h.storageClear(key);
    else h.storageSet(key, this.codec.enc(value));
  }

  protected appendAt(key: Uint8Array, id: string, encodedItem: Uint8Array): void {
    const h = host();
    if (h instanceof CachedStorageHost) h.appendWithId(key, id, encodedItem);
    else h.storageAppend(key, encodedItem);
  }

  protected existsAt(key: Uint8Array, id: string): boolean {
    const h = host();
    return h instanceof CachedStorageHost ? h.existsWithId(key, id) : h.storageExists(key);
  }

  protected metadataBase(): Pick<StorageEntryMetadata, "name" | "modifier" | "default" | "docs"> {
    const hasDefault = this.fallback !== undefined;
    return {
      name: this.name,
      modifier: hasDefault ? "Default" : "Optional",
      default: hasDefault ? this.codec.enc(this.fallback as V) : Uint8Array.of(0),
      docs: this.docs,
    };
  }

  abstract metadata(): StorageEntryMetadata;
}

/** A single value (`StorageValue`). */
export class StorageValue<V, D extends V | undefined = undefined> extends StorageEntry<V, D> {
  get key(): Uint8Array {
    return this.prefix;
  }

  get(): V | D {
    return this.read(this.prefix, this.prefixId);
  }

  set(value: V): void {
    this.write(this.prefix, this.prefixId, value);
  }

  kill(): void {
    this.write(this.prefix, this.prefixId, undefined);
  }

  exists(): boolean {
    return this.existsAt(this.prefix, this.prefixId);
  }

  /** Appends an item, already encoded, to the vector stored here (`ext_storage_append`; nothing is read). */
  appendEncoded(encodedItem: Uint8Array): void {
    this.appendAt(this.prefix, this.prefixId, encodedItem);
  }

  /** Reads, transforms and writes back; returning undefined removes the value. */
  mutate(fn: (value: V | D) => V | undefined): void {
    this.write(this.prefix, this.prefixId, fn(this.get()));
  }

  metadata(): StorageEntryMetadata {
    return { ...this.metadataBase(), type: { kind: "plain", value: this.codec.desc } };
  }
}

/** Hashed keys remembered per map: enough for the accounts one transaction touches, many times over. */
const KEY_MEMO_SIZE = 1024;

/** Encoded keys longer than this are hashed each time. */
const MAX_MEMO_KEY = 256;

/** Raw keys (account ids) a map remembers by the array that was passed, before its memo. */
const RECENT_KEYS = 4;

/** Whether two arrays of the same, known length hold the same bytes. */
function sameBytes(a: Uint8Array, b: Uint8Array, length: number): boolean {
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The length of the byte arrays a type encodes as themselves (`[u8; N]`, or a newtype of it). */
function rawBytesLength(desc: TypeDesc): number | undefined {
  if (desc.kind === "array" && desc.inner.kind === "primitive" && desc.inner.name === "u8") return desc.len;
  if (desc.kind === "composite" && desc.fields.length === 1) return rawBytesLength(desc.fields[0]!.type);
  return undefined;
}

/** A map entry's storage key and its id in the storage cache. */
interface Located {
  readonly key: Uint8Array;
  readonly id: string;
}

type KeyCodecs<K extends readonly unknown[]> = { [I in keyof K]: readonly [StorageHasher, Codec<K[I]>] };

/** A map with one or more keys (`StorageMap`, `StorageDoubleMap`, `StorageNMap`), keys as a tuple. */
export class StorageNMap<
  K extends readonly unknown[],
  V,
  D extends V | undefined = undefined,
> extends StorageEntry<V, D> {
  readonly keys: KeyCodecs<K>;

  /** For a map keyed by one byte array encoded as itself (an account id): its length. */
  readonly #rawKeyLength: number | undefined;

  constructor(pallet: string, name: string, keys: KeyCodecs<K>, options: StorageOptions<V, D>) {
    super(pallet, name, options);
    this.keys = keys;
    this.#rawKeyLength = keys.length === 1 ? rawBytesLength(keys[0]![1].desc) : undefined;
  }

  /** The storage key of `key`. Shared with later calls for the same key: do not modify it. */
  keyFor(...key: K): Uint8Array {
    return this.#located(key).key;
  }

  /**
   * A key's storage key and cache id. A block reads and writes the same few entries (an account)
   * several times in a row, and hashing each time was a large share of executing a transfer; the
   * memo maps a key's encoding (which determines the key, as each codec's encoding is
   * self-delimiting) to both.
   */
  #located(key: K): Located {
    const keys = this.keys as readonly (readonly [StorageHasher, Codec<unknown>])[];
    const first = key[0];
    const rawLength = this.#rawKeyLength;
    const raw = rawLength !== undefined && first instanceof Uint8Array && first.length === rawLength;
    if (raw) {
      // The same array again (the signer's id is handed from check to check): its bytes are
      // compared with a copy taken when it was seen, as a caller may have changed them since.
      for (let i = 0; i < RECENT_KEYS; i++) {
        if (this.#recentArrays[i] === first && sameBytes(this.#recentBytes[i]!, first, rawLength)) {
          return this.#recentLocated[i]!;
        }
      }
    }
    // A byte array encoded as itself needs no encoding to be looked up (hashing only reads it).
    const encoded =
      keys.length > 1
        ? keys.map(([, codec], i) => codec.enc(key[i]))
        : raw
          ? [first]
          : [keys[0]![1].enc(first)];
    // Long keys (rare) are not remembered: their ids would cost what the memo saves.
    let memoId = "";
    for (const bytes of encoded) {
      if (bytes.length > MAX_MEMO_KEY) {
        memoId = "";
        break;
      }
      memoId += keyId(bytes);
    }
    let located = memoId === "" ? undefined : this.#memo.get(memoId);
    if (located === undefined) {
      let length = this.prefix.length;
      const parts = encoded.map((bytes, i) => {
        const part = hashKeyPart(keys[i]![0], bytes);
        length += part.length;
        return part;
      });
      const full = this.#memoKeys.alloc(length);
      full.set(this.prefix);
      let at = this.prefix.length;
      for (const part of parts) {
        full.set(part, at);
        at += part.length;
      }
      located = { key: full, id: keyId(full) };
      if (memoId !== "") {
        if (this.#memo.size >= KEY_MEMO_SIZE) {
          this.#memo.clear();
          this.#memoKeys = new Slab();
        }
        this.#memo.set(memoId, located);
      }
    }
    if (raw) {
      const slot = this.#nextRecent;
      this.#recentArrays[slot] = first;
      this.#recentBytes[slot] = first.slice();
      this.#recentLocated[slot] = located;
      this.#nextRecent = (slot + 1) % RECENT_KEYS;
    }
    return located;
  }

  readonly #memo = new Map<string, Located>();
  /** Where the memo's keys are built (most are over 64 bytes, see slab.ts); renewed with the memo. */
  #memoKeys = new Slab();
  readonly #recentArrays: (Uint8Array | undefined)[] = new Array(RECENT_KEYS).fill(undefined);
  readonly #recentBytes: (Uint8Array | undefined)[] = new Array(RECENT_KEYS).fill(undefined);
  readonly #recentLocated: (Located | undefined)[] = new Array(RECENT_KEYS).fill(undefined);
  #nextRecent = 0;

  get(...key: K): V | D {
    const at = this.#located(key);
    return this.read(at.key, at.id);
  }

  set(...args: [...K, V]): void {
    const value = args.pop() as V;
    const at = this.#located(args as unknown as K);
    this.write(at.key, at.id, value);
  }

  remove(...key: K): void {
    const at = this.#located(key);
    this.write(at.key, at.id, undefined);
  }

  contains(...key: K): boolean {
    const at = this.#located(key);
    return this.existsAt(at.key, at.id);
  }

  /** Reads, transforms and writes back; returning undefined removes the entry. */
  mutate(...args: [...K, (value: V | D) => V | undefined]): void {
    const fn = args.pop() as (value: V | D) => V | undefined;
    const at = this.#located(args as unknown as K);
    this.write(at.key, at.id, fn(this.read(at.key, at.id)));
  }

  /**
   * Every entry under the map's prefix, or under the prefix of the first keys given in `partial`
   * (FRAME's `iter_prefix`), in storage-key order. Keys are decoded, so hashers must be transparent.
   */
  *entries(...partial: unknown[]): Generator<[K, V]> {
    const h = host();
    const prefix = this.prefixFor(partial);
    let key = h.storageNextKey(prefix);
    while (key !== undefined && startsWith(key, prefix)) {
      const value = decodeStored(this.codec, h.storageGet(key), `${this.pallet}.${this.name}`);
      if (value !== undefined) yield [this.decodeKey(key), value];
      key = h.storageNextKey(key);
    }
  }

  /** Removes up to `limit` entries (those under `partial`'s prefix when given); returns whether none is left. */
  clear(limit?: number, partial: readonly unknown[] = []): boolean {
    return host().storageClearPrefix(this.prefixFor(partial), limit).complete;
  }

  /** The map's prefix followed by the hashed first `partial.length` keys. */
  private prefixFor(partial: readonly unknown[]): Uint8Array {
    if (partial.length === 0) return this.prefix;
    const keys = this.keys as readonly (readonly [StorageHasher, Codec<unknown>])[];
    if (partial.length >= keys.length)
      throw new Error(`${this.pallet}.${this.name}: a prefix has fewer keys than the map`);
    return concatBytes(this.prefix, ...partial.map((k, i) => hashKeyPart(keys[i]![0], keys[i]![1].enc(k))));
  }

  /** Recovers the key tuple from a full storage key (transparent hashers only). */
  decodeKey(full: Uint8Array): K {
    const r = new Reader(full);
    r.take(this.prefix.length, "storage prefix");
    const out: unknown[] = [];
    for (const [hasher, codec] of this.keys as readonly (readonly [StorageHasher, Codec<unknown>])[]) {
      const info = STORAGE_HASHER_INFO[hasher];
      const hash = r.take(info.hashLength, `${this.name} key hash`);
      if (!info.transparent) {
        throw new DecodeError(
          "invalid-value",
          `${this.pallet}.${this.name}`,
          `the ${hasher} hasher hides its key`,
        );
      }
      const start = r.offset;
      out.push(codec.read(r));
      const encoded = full.subarray(start, r.offset);
      if (!bytesEqual(hashKeyPart(hasher, encoded).subarray(0, info.hashLength), hash)) {
        throw new DecodeError(
          "bad-checksum",
          `${this.pallet}.${this.name}`,
          "key hash does not match the key",
        );
      }
    }
    r.end(`${this.pallet}.${this.name} key`);
    return out as unknown as K;
  }

  metadata(): StorageEntryMetadata {
    const keys = this.keys as readonly (readonly [StorageHasher, Codec<unknown>])[];
    const key: TypeDesc =
      keys.length === 1 ? keys[0]![1].desc : { kind: "tuple", items: keys.map(([, codec]) => codec.desc) };
    return {
      ...this.metadataBase(),
      type: { kind: "map", hashers: keys.map(([hasher]) => hasher), key, value: this.codec.desc },
    };
  }
}

function startsWith(key: Uint8Array, prefix: Uint8Array): boolean {
  return key.length >= prefix.length && bytesEqual(key.subarray(0, prefix.length), prefix);
}

/**
 * Unbound declarations, written in a pallet's `storage.ts`; `bindStorage` turns them into
 * accessors under the pallet's name (item names are the object's keys, as in Substrate).
 */
export interface StorageDecl<S> {
  bind(pallet: string, name: string): S;
}

export function value<V>(
  options: StorageOptions<V, undefined> & { default?: undefined },
): StorageDecl<StorageValue<V>>;
export function value<V>(options: StorageOptions<V, V> & { default: V }): StorageDecl<StorageValue<V, V>>;
export function value<V, D extends V | undefined>(
  options: StorageOptions<V, D>,
): StorageDecl<StorageValue<V, D>> {
  return { bind: (pallet, name) => new StorageValue(pallet, name, options) };
}

export function map<K, V>(
  hasher: StorageHasher,
  key: Codec<K>,
  options: StorageOptions<V, undefined> & { default?: undefined },
): StorageDecl<StorageNMap<[K], V>>;
export function map<K, V>(
  hasher: StorageHasher,
  key: Codec<K>,
  options: StorageOptions<V, V> & { default: V },
): StorageDecl<StorageNMap<[K], V, V>>;
export function map<K, V, D extends V | undefined>(
  hasher: StorageHasher,
  key: Codec<K>,
  options: StorageOptions<V, D>,
): StorageDecl<StorageNMap<[K], V, D>> {
  return { bind: (pallet, name) => new StorageNMap<[K], V, D>(pallet, name, [[hasher, key]], options) };
}

export function doubleMap<K1, K2, V, D extends V | undefined = undefined>(
  first: readonly [StorageHasher, Codec<K1>],
  second: readonly [StorageHasher, Codec<K2>],
  options: StorageOptions<V, D>,
): StorageDecl<StorageNMap<[K1, K2], V, D>> {
  return { bind: (pallet, name) => new StorageNMap<[K1, K2], V, D>(pallet, name, [first, second], options) };
}

export function nMap<K extends readonly unknown[], V, D extends V | undefined = undefined>(
  keys: KeyCodecs<K>,
  options: StorageOptions<V, D>,
): StorageDecl<StorageNMap<K, V, D>> {
  return { bind: (pallet, name) => new StorageNMap<K, V, D>(pallet, name, keys, options) };
}

export type BoundStorage<T extends Record<string, StorageDecl<unknown>>> = {
  [N in keyof T]: T[N] extends StorageDecl<infer S> ? S : never;
};

export function bindStorage<T extends Record<string, StorageDecl<unknown>>>(
  pallet: string,
  decls: T,
): BoundStorage<T> {
  const out: Record<string, unknown> = {};
  for (const [name, decl] of Object.entries(decls)) out[name] = decl.bind(pallet, name);
  return out as BoundStorage<T>;
}
