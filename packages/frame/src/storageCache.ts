/**
 * A read cache in front of the host's storage, for one runtime call. A transfer reads the same
 * few entries (its accounts, the block number, the execution phase) a dozen times, and each read
 * crosses the sandbox boundary twice; here repeated reads are answered in the runtime.
 *
 * Writes go through to the host at once (the host's overlay stays the state; roots, proofs and
 * commits are the host's), and the cache keeps what was written. A rolled-back transaction or a
 * prefix removal forgets everything, so the cache can never answer a value the host no longer has.
 * Answers are copies: a caller that modifies the bytes it read cannot change a later answer.
 */
import type { ClearPrefixOutcome, HostApi } from "./hostApi.ts";

/** Entries kept before the cache starts afresh: far more than one transaction touches. */
const MAX_ENTRIES = 8192;
/** Larger values (runtime code) are not kept. */
const MAX_VALUE = 16 * 1024;

/** Ids of key arrays that are never modified (see `stableKey`). */
const stableIds = new WeakMap<Uint8Array, string>();

/**
 * Declares that `key` is never modified, so its id is built once: storage declarations hand out
 * the same array for the same key (a value's prefix, a map's remembered keys). The same string
 * each time also keeps its hash, which a fresh string would compute on every lookup.
 */
export function stableKey(key: Uint8Array): Uint8Array {
  if (!stableIds.has(key)) stableIds.set(key, String.fromCharCode.apply(null, key as unknown as number[]));
  return key;
}

/** Bytes as a string of one char per byte, for a Map key. */
function keyId(key: Uint8Array): string {
  return stableIds.get(key) ?? String.fromCharCode.apply(null, key as unknown as number[]);
}

export class CachedStorageHost implements HostApi {
  readonly #host: HostApi;
  /** A key's value, or null for a key known absent. */
  readonly #values = new Map<string, Uint8Array | null>();

  constructor(host: HostApi) {
    this.#host = host;
  }

  #remember(id: string, value: Uint8Array | null): void {
    if (value !== null && value.length > MAX_VALUE) {
      this.#values.delete(id);
      return;
    }
    if (this.#values.size >= MAX_ENTRIES) this.#values.clear();
    this.#values.set(id, value);
  }

  storageGet(key: Uint8Array): Uint8Array | undefined {
    if (key.length > MAX_VALUE) return this.#host.storageGet(key);
    const id = keyId(key);
    const known = this.#values.get(id);
    if (known !== undefined) return known === null ? undefined : known.slice();
    const value = this.#host.storageGet(key);
    this.#remember(id, value === undefined ? null : value.slice());
    return value;
  }
  storageExists(key: Uint8Array): boolean {
    if (key.length <= MAX_VALUE) {
      const known = this.#values.get(keyId(key));
      if (known !== undefined) return known !== null;
    }
    return this.#host.storageExists(key);
  }
  storageSet(key: Uint8Array, value: Uint8Array): void {
    this.#host.storageSet(key, value);
    if (key.length <= MAX_VALUE) this.#remember(keyId(key), value.slice());
  }
  storageClear(key: Uint8Array): void {
    this.#host.storageClear(key);
    if (key.length <= MAX_VALUE) this.#remember(keyId(key), null);
  }
  storageAppend(key: Uint8Array, item: Uint8Array): void {
    this.#host.storageAppend(key, item);
    this.#values.delete(keyId(key));
  }
  storageClearPrefix(prefix: Uint8Array, limit?: number): ClearPrefixOutcome {
    this.#values.clear();
    return this.#host.storageClearPrefix(prefix, limit);
  }
  storageRollbackTransaction(): void {
    this.#values.clear();
    this.#host.storageRollbackTransaction();
  }

  storageNextKey(key: Uint8Array): Uint8Array | undefined {
    return this.#host.storageNextKey(key);
  }
  storageRoot(stateVersion: 0 | 1): Uint8Array {
    return this.#host.storageRoot(stateVersion);
  }
  storageStartTransaction(): void {
    this.#host.storageStartTransaction();
  }
  storageCommitTransaction(): void {
    this.#host.storageCommitTransaction();
  }
  blake2_128(data: Uint8Array): Uint8Array {
    return this.#host.blake2_128(data);
  }
  blake2_256(data: Uint8Array): Uint8Array {
    return this.#host.blake2_256(data);
  }
  twox64(data: Uint8Array): Uint8Array {
    return this.#host.twox64(data);
  }
  twox128(data: Uint8Array): Uint8Array {
    return this.#host.twox128(data);
  }
  twox256(data: Uint8Array): Uint8Array {
    return this.#host.twox256(data);
  }
  keccak256(data: Uint8Array): Uint8Array {
    return this.#host.keccak256(data);
  }
  orderedTrieRoot(values: Uint8Array[], stateVersion: 0 | 1): Uint8Array {
    return this.#host.orderedTrieRoot(values, stateVersion);
  }
  sr25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
    return this.#host.sr25519Verify(signature, message, publicKey);
  }
  ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
    return this.#host.ed25519Verify(signature, message, publicKey);
  }
  secp256k1RecoverCompressed(signature: Uint8Array, messageHash: Uint8Array): Uint8Array | undefined {
    return this.#host.secp256k1RecoverCompressed(signature, messageHash);
  }
  secp256k1RecoverUncompressed(signature: Uint8Array, messageHash: Uint8Array): Uint8Array | undefined {
    return this.#host.secp256k1RecoverUncompressed(signature, messageHash);
  }
  sr25519VrfVerify(
    publicKey: Uint8Array,
    context: Uint8Array,
    message: Uint8Array,
    output: Uint8Array,
    proof: Uint8Array,
  ): boolean {
    return this.#host.sr25519VrfVerify(publicKey, context, message, output, proof);
  }
  babeVrfRandomness(
    publicKey: Uint8Array,
    slot: bigint,
    epoch: bigint,
    randomness: Uint8Array,
    preOutput: Uint8Array,
  ): Uint8Array | undefined {
    return this.#host.babeVrfRandomness(publicKey, slot, epoch, randomness, preOutput);
  }
  keystoreGenerate(
    scheme: Parameters<HostApi["keystoreGenerate"]>[0],
    keyType: Uint8Array,
    seed: Uint8Array | undefined,
  ): Uint8Array {
    return this.#host.keystoreGenerate(scheme, keyType, seed);
  }
  offchainSubmitTransaction(extrinsic: Uint8Array): boolean {
    return this.#host.offchainSubmitTransaction(extrinsic);
  }
  runtimeVersion(code: Uint8Array): Uint8Array | undefined {
    return this.#host.runtimeVersion(code);
  }
  log(level: Parameters<HostApi["log"]>[0], target: string, message: string): void {
    this.#host.log(level, target, message);
  }
}
