/**
 * `state_subscribeStorage` for every subscriber at once, served from each new best block's own
 * storage changes: a block costs the keys it changed (looked up in an index of watched keys), not
 * every watched key of every subscriber read again. Only after a re-organisation (the new best
 * block is not the child of the last one) are the subscribers' keys read again. The keys one
 * subscription watches, and all of them together, are bounded (limits.ts): that is their memory.
 */
import { bytesEqual, toHex } from "@canary/primitives";
import type { Chain, ImportedBlock } from "../chain/index.ts";
import { invalidParams, RPC_CODES, RpcError } from "./errors.ts";
import type { RpcLimits } from "./limits.ts";
import type { Sink } from "./rpcServer.ts";

interface Watcher {
  keys: Uint8Array[];
  sink: Sink;
}

type Change = [string, string | null];

export class StorageSubscriptions {
  readonly #chain: Chain;
  readonly #limits: Pick<RpcLimits, "maxKeysPerStorageSubscription" | "maxSubscribedStorageKeys">;
  readonly #index = new Map<string, Set<Watcher>>();
  readonly #watchers = new Set<Watcher>();
  #keys = 0;
  /** The best block the subscribers were last told about. */
  #last: Uint8Array | undefined;
  #unlisten: (() => void) | undefined;

  constructor(chain: Chain, limits: StorageSubscriptions["limits"]) {
    this.#chain = chain;
    this.#limits = limits;
  }

  get limits(): Pick<RpcLimits, "maxKeysPerStorageSubscription" | "maxSubscribedStorageKeys"> {
    return this.#limits;
  }

  /** Keys watched by all subscriptions together. */
  get watchedKeys(): number {
    return this.#keys;
  }

  /** Sends the keys' values now and each change at a new best block; returns what stops it. */
  subscribe(list: Uint8Array[], sink: Sink): () => void {
    const unique = new Map(list.map((k) => [toHex(k), k]));
    const per = this.#limits.maxKeysPerStorageSubscription;
    if (unique.size > per)
      throw invalidParams(`a storage subscription watches at most ${per} keys, got ${unique.size}`);
    const total = this.#limits.maxSubscribedStorageKeys;
    if (this.#keys + unique.size > total) {
      throw new RpcError(
        RPC_CODES.serverError,
        `Too many storage keys watched on this node (the limit is ${total} in all); try again later`,
      );
    }
    const watcher: Watcher = { keys: [...unique.values()], sink };
    if (this.#watchers.size === 0) {
      this.#last = this.#chain.best().hash;
      this.#unlisten = this.#chain.onImported((b) => {
        if (b.best) this.#onBest(b);
      });
    }
    this.#watchers.add(watcher);
    this.#keys += unique.size;
    for (const hex of unique.keys()) {
      const set = this.#index.get(hex);
      if (set) set.add(watcher);
      else this.#index.set(hex, new Set([watcher]));
    }
    const best = this.#last!;
    sink.send({ block: toHex(best), changes: this.#read(best, watcher.keys) });
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      this.#watchers.delete(watcher);
      this.#keys -= unique.size;
      for (const hex of unique.keys()) {
        const set = this.#index.get(hex);
        set?.delete(watcher);
        if (set?.size === 0) this.#index.delete(hex);
      }
      if (this.#watchers.size === 0) {
        this.#unlisten?.();
        this.#unlisten = undefined;
        this.#last = undefined;
      }
    };
  }

  #onBest(b: ImportedBlock): void {
    const last = this.#last;
    this.#last = b.hash;
    const block = toHex(b.hash);
    if (!last || !b.changes || !bytesEqual(b.header.parentHash, last)) {
      // A re-organisation (or a block imported without its changes): read every watched key again.
      for (const w of this.#watchers) w.sink.send({ block, changes: this.#read(b.hash, w.keys) });
      return;
    }
    const out = new Map<Watcher, Change[]>();
    let parent: ReturnType<Chain["host"]> | undefined;
    for (const [key, value] of b.changes()) {
      const watchers = this.#index.get(toHex(key));
      if (!watchers) continue;
      // A key written with the value it had is not a change for the subscriber.
      parent ??= this.#chain.host(this.#chain.stateAt(last));
      const before = parent.storageGet(key);
      if (before === value || (before && value && bytesEqual(before, value))) continue;
      const change: Change = [toHex(key), value ? toHex(value) : null];
      for (const w of watchers) {
        const list = out.get(w);
        if (list) list.push(change);
        else out.set(w, [change]);
      }
    }
    for (const [w, changes] of out) w.sink.send({ block, changes });
  }

  #read(hash: Uint8Array, keys: Uint8Array[]): Change[] {
    const host = this.#chain.host(this.#chain.stateAt(hash));
    return keys.map((k): Change => {
      const value = host.storageGet(k);
      return [toHex(k), value ? toHex(value) : null];
    });
  }
}
