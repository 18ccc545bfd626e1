/**
 * The runtime's side of storage for one runtime call: a read cache and a write buffer in front of
 * the host. A transfer reads the same few entries a dozen times and writes the same account, event
 * counter and block weight several times, and every access that crosses the sandbox boundary
 * costs more than the work behind it. Here reads are answered from what the call already read or
 * wrote, and writes stay in the runtime until the host needs them: a block's transfers reach the
 * host as one write per changed key instead of some forty host calls each.
 *
 * Storage transactions are kept here too, as a stack of layers of pending writes (layer 0 is
 * outside any transaction). Whenever the host must see the state (the trie root, the next key, a
 * prefix removal, the end of the call, or too many pending writes), `flush` hands it every pending
 * write in its own layer: a layer still open gets a host transaction first, so that a later
 * rollback here rolls the host back too. Layers below the highest one opened on the host hold
 * nothing (writes go to the top layer, a commit merges into the layer below), so each flush only
 * adds to the host's top transaction and opens the ones above it.
 */
import { AppendedVec, keyId } from "@canary/primitives";
import type { ClearPrefixOutcome, HostApi } from "./hostApi.ts";

/** Host values remembered before the cache starts afresh: far more than one transaction touches. */
const MAX_KNOWN = 8192;
/** Larger values (runtime code) are not remembered. */
const MAX_VALUE = 16 * 1024;
/** Pending writes in one layer before they go to the host: bounds a call that writes a great many keys (a genesis). */
const MAX_PENDING = 16_384;

/**
 * A key's value as this call left it, not yet on the host: a value or a removal (null), a vector
 * known whole (`vec`, after the call set or removed it), or `items` appended in this layer to the
 * value of `prior` (the key's pending write in a lower layer; a flush hands both over) or else to
 * the host's: a block's events are appended to without being read back.
 */
class Pending {
  readonly key: Uint8Array;
  readonly value: Uint8Array | null;
  readonly vec: AppendedVec | undefined;
  /** Appended while this is the top layer's write: only this layer sees the array. */
  readonly items: Uint8Array[] | undefined;
  readonly prior: Pending | undefined;

  constructor(
    key: Uint8Array,
    value: Uint8Array | null,
    vec?: AppendedVec,
    items?: Uint8Array[],
    prior?: Pending,
  ) {
    this.key = key;
    this.value = value;
    this.vec = vec;
    this.items = items;
    this.prior = prior;
  }
}

/** Appends in a committed layer joined to those of the layer below, which it was built on. */
function joined(p: Pending): Pending {
  const prior = p.prior!;
  return new Pending(p.key, null, undefined, [...prior.items!, ...p.items!], prior.prior);
}

export class CachedStorageHost implements HostApi {
  readonly #host: HostApi;
  /** What the host holds at a key (null: nothing), as far as this call has seen. */
  readonly #known = new Map<string, Uint8Array | null>();
  /** Pending writes per layer; [0] is outside any transaction, [i] is transaction depth i. */
  readonly #layers: Map<string, Pending>[] = [new Map()];
  /** Layers 1..#opened are open on the host too. */
  #opened = 0;
  readonly #maxPending: number;

  /** `maxPending`: writes one layer keeps before it flushes (tests make it small). */
  constructor(host: HostApi, maxPending = MAX_PENDING) {
    this.#host = host;
    this.#maxPending = maxPending;
  }

  /** Open storage transactions. */
  get depth(): number {
    return this.#layers.length - 1;
  }

  /** Hands every pending write to the host, each layer's inside its own host transaction. */
  flush(): void {
    const layers = this.#layers;
    const opened = this.#opened;
    for (let i = opened; i < layers.length; i++) {
      if (i > opened) this.#host.storageStartTransaction();
      this.#apply(layers[i]!);
    }
    this.#opened = layers.length - 1;
  }

  #apply(layer: Map<string, Pending>): void {
    const host = this.#host;
    for (const [id, p] of layer) {
      if (p.items !== undefined) {
        for (const item of p.items) host.storageAppend(p.key, item);
        this.#known.delete(id);
      } else if (p.vec !== undefined) {
        const value = p.vec.encode();
        host.storageSet(p.key, value);
        this.#remember(id, value);
      } else if (p.value === null) {
        host.storageClear(p.key);
        this.#remember(id, null);
      } else {
        host.storageSet(p.key, p.value);
        this.#remember(id, p.value);
      }
    }
    layer.clear();
  }

  #remember(id: string, value: Uint8Array | null): void {
    if (value !== null && value.length > MAX_VALUE) {
      this.#known.delete(id);
      return;
    }
    if (this.#known.size >= MAX_KNOWN) this.#known.clear();
    this.#known.set(id, value);
  }

  /** The newest pending write of a key, from the top layer down. */
  #pending(id: string): Pending | undefined {
    const layers = this.#layers;
    for (let i = layers.length - 1; i >= 0; i--) {
      const p = layers[i]!.get(id);
      if (p !== undefined) return p;
    }
    return undefined;
  }

  /** The host's value of a key (null: none); the cache's own bytes. */
  #hostValue(key: Uint8Array, id: string): Uint8Array | null {
    const known = this.#known.get(id);
    if (known !== undefined) return known;
    const value = this.#host.storageGet(key) ?? null;
    this.#remember(id, value);
    return value;
  }

  #valueOf(p: Pending, id: string): Uint8Array | null {
    if (p.vec !== undefined) return p.vec.encode();
    if (p.items === undefined) return p.value;
    const prior = p.prior;
    let vec = AppendedVec.from(prior === undefined ? this.#hostValue(p.key, id) : this.#valueOf(prior, id));
    for (const item of p.items) vec = vec.with(item);
    return vec.encode();
  }

  #write(id: string, p: Pending): void {
    const top = this.#layers[this.#layers.length - 1]!;
    top.set(id, p);
    if (top.size > this.#maxPending) this.flush();
  }

  // The `...Id` forms take the key's id along (storage declarations keep the ids of the keys they
  // hand out, so those are never built twice) and share bytes with the cache: a value read is not
  // to be modified (the declarations only decode it, and decoders copy what they keep), a key or
  // value written is the cache's from then on.

  getWithId(key: Uint8Array, id: string): Uint8Array | undefined {
    const p = this.#pending(id);
    return (p === undefined ? this.#hostValue(key, id) : this.#valueOf(p, id)) ?? undefined;
  }
  existsWithId(key: Uint8Array, id: string): boolean {
    const p = this.#pending(id);
    if (p !== undefined) return p.value !== null || p.vec !== undefined || p.items !== undefined;
    const known = this.#known.get(id);
    return known === undefined ? this.#host.storageExists(key) : known !== null;
  }
  setWithId(key: Uint8Array, id: string, value: Uint8Array): void {
    this.#write(id, new Pending(key, value));
  }
  clearWithId(key: Uint8Array, id: string): void {
    this.#write(id, new Pending(key, null));
  }
  appendWithId(key: Uint8Array, id: string, item: Uint8Array): void {
    const top = this.#layers[this.#layers.length - 1]!;
    const p = this.#pending(id);
    if (p === undefined) {
      // A host value known here (a vector removed and flushed) is built on; an unknown one is
      // appended to without being read.
      const known = this.#known.get(id);
      this.#write(
        id,
        known === undefined
          ? new Pending(key, null, undefined, [item])
          : new Pending(key, null, AppendedVec.from(known).with(item)),
      );
    } else if (p.items === undefined) {
      this.#write(id, new Pending(p.key, null, (p.vec ?? AppendedVec.from(p.value)).with(item)));
    } else if (top.get(id) === p) p.items.push(item);
    else this.#write(id, new Pending(p.key, null, undefined, [item], p));
  }

  storageGet(key: Uint8Array): Uint8Array | undefined {
    return this.getWithId(key, keyId(key))?.slice();
  }
  storageExists(key: Uint8Array): boolean {
    return this.existsWithId(key, keyId(key));
  }
  storageSet(key: Uint8Array, value: Uint8Array): void {
    this.setWithId(key.slice(), keyId(key), value.slice());
  }
  storageClear(key: Uint8Array): void {
    this.clearWithId(key.slice(), keyId(key));
  }
  storageAppend(key: Uint8Array, item: Uint8Array): void {
    this.appendWithId(key.slice(), keyId(key), item.slice());
  }
  storageClearPrefix(prefix: Uint8Array, limit?: number): ClearPrefixOutcome {
    this.flush();
    // Forget what the host may remove (with a limit, some of it): everything under the prefix.
    const under = keyId(prefix);
    for (const id of this.#known.keys()) if (id.startsWith(under)) this.#known.delete(id);
    return this.#host.storageClearPrefix(prefix, limit);
  }
  storageStartTransaction(): void {
    this.#layers.push(new Map());
  }
  storageCommitTransaction(): void {
    const layers = this.#layers;
    // None open: the host refuses it as it always has.
    if (layers.length === 1) {
      this.#host.storageCommitTransaction();
      return;
    }
    const top = layers.pop()!;
    if (layers.length === this.#opened) {
      this.#host.storageCommitTransaction();
      this.#opened--;
    }
    const below = layers[layers.length - 1]!;
    if (below.size === 0) layers[layers.length - 1] = top;
    else {
      for (const [id, p] of top)
        below.set(id, p.prior !== undefined && below.get(id) === p.prior ? joined(p) : p);
    }
  }
  storageRollbackTransaction(): void {
    const layers = this.#layers;
    if (layers.length === 1) {
      this.#host.storageRollbackTransaction();
      return;
    }
    layers.pop();
    if (layers.length === this.#opened) {
      this.#host.storageRollbackTransaction();
      this.#opened--;
      this.#known.clear();
    }
  }

  storageNextKey(key: Uint8Array): Uint8Array | undefined {
    this.flush();
    return this.#host.storageNextKey(key);
  }
  storageRoot(stateVersion: 0 | 1): Uint8Array {
    this.flush();
    return this.#host.storageRoot(stateVersion);
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
