/**
 * A HostApi over a plain sorted map, for pallet and framework tests on a mock runtime. Nested
 * transactions keep an undo log per layer. Signature checks are injected (the pure framework has
 * no crypto); by default every signature is rejected.
 */
import {
  blake2_128,
  blake2_256,
  CanaryError,
  compareBytes,
  keccak256,
  Reader,
  readCompact,
  toHex,
  twox64,
  twox128,
  twox256,
  Writer,
  writeCompact,
} from "@canary/primitives";
import { orderedTrieRoot, trieRoot } from "@canary/trie";
import type { ClearPrefixOutcome, HostApi, KeyScheme, LogLevel } from "../hostApi.ts";

export interface MemoryHostOptions {
  sr25519Verify?: (sig: Uint8Array, msg: Uint8Array, pub: Uint8Array) => boolean;
  ed25519Verify?: (sig: Uint8Array, msg: Uint8Array, pub: Uint8Array) => boolean;
  log?: (level: LogLevel, target: string, message: string) => void;
  runtimeVersion?: (code: Uint8Array) => Uint8Array | undefined;
  keystoreGenerate?: HostApi["keystoreGenerate"];
  offchainSubmitTransaction?: HostApi["offchainSubmitTransaction"];
  babeVrfRandomness?: HostApi["babeVrfRandomness"];
  /** Secp256k1 recovery for pallets that need it (Claims); none by default. */
  secp256k1RecoverUncompressed?: HostApi["secp256k1RecoverUncompressed"];
}

export class MemoryHost implements HostApi {
  readonly state = new Map<string, [Uint8Array, Uint8Array]>();
  readonly #undo: Array<Array<[string, [Uint8Array, Uint8Array] | undefined]>> = [];
  readonly #options: MemoryHostOptions;
  readonly logs: Array<[LogLevel, string, string]> = [];

  constructor(initial: Iterable<readonly [Uint8Array, Uint8Array]> = [], options: MemoryHostOptions = {}) {
    for (const [k, v] of initial) this.state.set(toHex(k), [k.slice(), v.slice()]);
    this.#options = options;
  }

  #put(key: Uint8Array, value: Uint8Array | undefined): void {
    const id = toHex(key);
    const layer = this.#undo.at(-1);
    if (layer) layer.push([id, this.state.get(id)]);
    if (value === undefined) this.state.delete(id);
    else this.state.set(id, [key.slice(), value.slice()]);
  }

  storageGet(key: Uint8Array): Uint8Array | undefined {
    return this.state.get(toHex(key))?.[1].slice();
  }
  storageSet(key: Uint8Array, value: Uint8Array): void {
    this.#put(key, value);
  }
  storageClear(key: Uint8Array): void {
    this.#put(key, undefined);
  }
  storageExists(key: Uint8Array): boolean {
    return this.state.has(toHex(key));
  }
  storageClearPrefix(prefix: Uint8Array, limit?: number): ClearPrefixOutcome {
    const keys = this.sortedKeys().filter((k) => startsWith(k, prefix));
    const take = limit === undefined ? keys.length : Math.min(limit, keys.length);
    for (const k of keys.slice(0, take)) this.#put(k, undefined);
    return { removed: take, complete: take === keys.length };
  }
  storageNextKey(key: Uint8Array): Uint8Array | undefined {
    return this.sortedKeys()
      .find((k) => compareBytes(k, key) > 0)
      ?.slice();
  }
  storageAppend(key: Uint8Array, item: Uint8Array): void {
    const existing = this.storageGet(key);
    let count = 0;
    let body: Uint8Array = new Uint8Array(0);
    if (existing) {
      try {
        const r = new Reader(existing);
        count = Number(readCompact(r, 32, "Vec length"));
        body = existing.subarray(r.offset);
      } catch {
        count = 0; // a malformed value is replaced, as Substrate's append does
        body = new Uint8Array(0);
      }
    }
    const w = new Writer(existing ? existing.length + item.length + 4 : item.length + 4);
    writeCompact(w, count + 1);
    // Substrate rewrites only the length prefix: whatever followed it stays.
    w.bytes(body);
    w.bytes(item);
    this.#put(key, w.finish());
  }
  storageRoot(stateVersion: 0 | 1): Uint8Array {
    return trieRoot(
      [...this.state.values()].map(([k, v]) => [k, v] as const),
      stateVersion,
    );
  }
  storageStartTransaction(): void {
    this.#undo.push([]);
  }
  storageCommitTransaction(): void {
    const layer = this.#undo.pop();
    if (!layer) throw new CanaryError("HOST_NO_TRANSACTION", "commit without an open storage transaction");
    this.#undo.at(-1)?.push(...layer);
  }
  storageRollbackTransaction(): void {
    const layer = this.#undo.pop();
    if (!layer) throw new CanaryError("HOST_NO_TRANSACTION", "rollback without an open storage transaction");
    for (let i = layer.length - 1; i >= 0; i--) {
      const [id, previous] = layer[i]!;
      if (previous) this.state.set(id, previous);
      else this.state.delete(id);
    }
  }
  get transactionDepth(): number {
    return this.#undo.length;
  }

  blake2_128 = blake2_128;
  blake2_256 = blake2_256;
  twox64 = twox64;
  twox128 = twox128;
  twox256 = twox256;
  keccak256 = keccak256;
  orderedTrieRoot(values: Uint8Array[], stateVersion: 0 | 1): Uint8Array {
    return orderedTrieRoot(values, stateVersion);
  }
  sr25519Verify(sig: Uint8Array, msg: Uint8Array, pub: Uint8Array): boolean {
    return this.#options.sr25519Verify?.(sig, msg, pub) ?? false;
  }
  ed25519Verify(sig: Uint8Array, msg: Uint8Array, pub: Uint8Array): boolean {
    return this.#options.ed25519Verify?.(sig, msg, pub) ?? false;
  }
  secp256k1RecoverCompressed(): Uint8Array | undefined {
    return undefined;
  }
  secp256k1RecoverUncompressed(signature: Uint8Array, messageHash: Uint8Array): Uint8Array | undefined {
    return this.#options.secp256k1RecoverUncompressed?.(signature, messageHash);
  }
  sr25519VrfVerify(): boolean {
    return false;
  }
  babeVrfRandomness(
    publicKey: Uint8Array,
    slot: bigint,
    epoch: bigint,
    randomness: Uint8Array,
    preOutput: Uint8Array,
  ): Uint8Array | undefined {
    return this.#options.babeVrfRandomness?.(publicKey, slot, epoch, randomness, preOutput);
  }
  keystoreGenerate(scheme: KeyScheme, keyType: Uint8Array, seed: Uint8Array | undefined): Uint8Array {
    const generate = this.#options.keystoreGenerate;
    if (!generate) throw new CanaryError("HOST_NO_KEYSTORE", "this host has no keystore");
    return generate(scheme, keyType, seed);
  }
  offchainSubmitTransaction(extrinsic: Uint8Array): boolean {
    return this.#options.offchainSubmitTransaction?.(extrinsic) ?? false;
  }
  runtimeVersion(code: Uint8Array): Uint8Array | undefined {
    return this.#options.runtimeVersion?.(code);
  }
  log(level: LogLevel, target: string, message: string): void {
    this.logs.push([level, target, message]);
    this.#options.log?.(level, target, message);
  }

  sortedKeys(): Uint8Array[] {
    return [...this.state.values()].map(([k]) => k).sort(compareBytes);
  }
}

function startsWith(key: Uint8Array, prefix: Uint8Array): boolean {
  if (key.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (key[i] !== prefix[i]) return false;
  return true;
}
