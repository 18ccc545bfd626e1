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

/** Bytes as a string of one char per byte: a key's id in the cache. */
export function keyId(key: Uint8Array): string {
  if (key.length <= 4096) return String.fromCharCode.apply(null, key as unknown as number[]);
  // In slices: apply() takes a bounded number of arguments.
  let id = "";
  for (let i = 0; i < key.length; i += 4096)
    id += String.fromCharCode.apply(null, key.subarray(i, i + 4096) as unknown as number[]);
  return id;
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

  // The `...Id` forms take the key's id along: storage declarations keep ids of the keys they
  // hand out (a value's prefix, a map's remembered keys), so those are never built twice.

  getWithId(key: Uint8Array, id: string): Uint8Array | undefined {
    const known = this.#values.get(id);
    if (known !== undefined) return known === null ? undefined : known.slice();
    const value = this.#host.storageGet(key);
    this.#remember(id, value === undefined ? null : value.slice());
    return value;
  }
  existsWithId(key: Uint8Array, id: string): boolean {
    const known = this.#values.get(id);
    if (known !== undefined) return known !== null;
    return this.#host.storageExists(key);
  }
  setWithId(key: Uint8Array, id: string, value: Uint8Array): void {
    this.#host.storageSet(key, value);
    this.#remember(id, value.slice());
  }
  clearWithId(key: Uint8Array, id: string): void {
    this.#host.storageClear(key);
    this.#remember(id, null);
  }

  storageGet(key: Uint8Array): Uint8Array | undefined {
    return key.length > MAX_VALUE ? this.#host.storageGet(key) : this.getWithId(key, keyId(key));
  }
  storageExists(key: Uint8Array): boolean {
    return key.length > MAX_VALUE ? this.#host.storageExists(key) : this.existsWithId(key, keyId(key));
  }
  storageSet(key: Uint8Array, value: Uint8Array): void {
    if (key.length > MAX_VALUE) this.#host.storageSet(key, value);
    else this.setWithId(key, keyId(key), value);
  }
  storageClear(key: Uint8Array): void {
    if (key.length > MAX_VALUE) this.#host.storageClear(key);
    else this.clearWithId(key, keyId(key));
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
