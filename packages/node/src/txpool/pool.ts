/**
 * The transaction pool (DESIGN.md §5): transactions validated by the runtime at the best block,
 * kept ready when every tag they require is provided (by the chain or by another ready
 * transaction) and future otherwise; block building takes ready ones by priority with their
 * dependencies first. A better-paying transaction replaces one providing the same tag. Imported
 * blocks remove what they included and the rest is revalidated. Invalid transactions are banned
 * for a while; the pool's size is bounded.
 */
import type { TransactionValidityCodec } from "@canary/frame";
import { blake2_256, bytesEqual, type CodecType, toHex } from "@canary/primitives";
import { BannedTransactions } from "./banned.ts";
import { INVALID_TRANSACTION_WORDS, PoolError } from "./errors.ts";
import { inSlices } from "./slices.ts";

/** What the runtime said of a transaction (`TaggedTransactionQueue_validate_transaction`). */
export interface Validity {
  priority: bigint;
  requires: string[];
  provides: string[];
  longevity: bigint;
}

export type TransactionStatus =
  | { type: "future" }
  | { type: "ready" }
  /** Sent to these peers (their peer ids). */
  | { type: "broadcast"; peers: string[] }
  | { type: "inBlock"; block: Uint8Array; index: number }
  | { type: "finalized"; block: Uint8Array; index: number }
  | { type: "usurped"; by: Uint8Array }
  | { type: "dropped" }
  | { type: "invalid"; reason: string };

export interface PooledTransaction {
  hash: Uint8Array;
  bytes: Uint8Array;
  validity: Validity;
  /** Best block number when it was (re)validated: it expires `longevity` blocks later. */
  validatedAt: number;
  /** Insertion order, the tie-break between equal priorities. */
  seq: number;
  /** `Local` for the node's own (equivocation reports), `External` for clients' and peers'. */
  source: TransactionSource;
}

export interface PoolLimits {
  ready: number;
  readyBytes: number;
  future: number;
  futureBytes: number;
  /** How long an invalid transaction stays refused, in milliseconds. */
  banMs: number;
}

export const DEFAULT_POOL_LIMITS: PoolLimits = {
  ready: 8_192,
  readyBytes: 20 * 1024 * 1024,
  future: 512,
  futureBytes: 1024 * 1024,
  banMs: 30 * 60 * 1000,
};

/** Where a transaction comes from (`sp_runtime::TransactionSource`), as the runtime's validation sees it. */
export type TransactionSource = "InBlock" | "Local" | "External";

/** The runtime call the pool needs: validity at the best block, or the rejection. */
export type Validate = (
  bytes: Uint8Array,
  source?: TransactionSource,
) => { ok: true; value: Validity } | { ok: false; invalid: boolean; reason: string };

export interface PoolOptions {
  validate: Validate;
  bestNumber: () => number;
  limits?: Partial<PoolLimits>;
  now?: () => number;
}

export class TransactionPool {
  readonly #validate: Validate;
  readonly #bestNumber: () => number;
  readonly #limits: PoolLimits;
  readonly #now: () => number;
  readonly #txs = new Map<string, PooledTransaction>();
  readonly #banned = new BannedTransactions();
  readonly #watchers = new Map<string, Set<(s: TransactionStatus) => void>>();
  #seq = 0;

  constructor(options: PoolOptions) {
    this.#validate = options.validate;
    this.#bestNumber = options.bestNumber;
    this.#limits = { ...DEFAULT_POOL_LIMITS, ...options.limits };
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#txs.size;
  }

  /** Validates and adds a transaction; throws PoolError with the author-RPC code when refused. */
  submit(bytes: Uint8Array, source: TransactionSource = "External"): PooledTransaction {
    const hash = blake2_256(bytes);
    const id = toHex(hash);
    if (this.#txs.has(id)) throw new PoolError("alreadyImported", id);
    if (this.#banned.isBanned(id, this.#now())) {
      throw new PoolError("banned", `${id} was invalid recently`);
    }
    const verdict = this.#validate(bytes, source);
    if (!verdict.ok) {
      if (verdict.invalid) this.#ban(id);
      throw new PoolError(verdict.invalid ? "invalid" : "unknownValidity", verdict.reason);
    }
    const tx: PooledTransaction = {
      hash,
      bytes: bytes.slice(),
      validity: verdict.value,
      validatedAt: this.#bestNumber(),
      seq: this.#seq++,
      source,
    };
    this.#replaceOrRefuse(tx);
    this.#txs.set(id, tx);
    this.#enforceLimits(id);
    this.#notify(id, this.isReady(tx) ? { type: "ready" } : { type: "future" });
    return tx;
  }

  /** A transaction providing a tag someone already provides must pay more, and then takes over. */
  #replaceOrRefuse(tx: PooledTransaction): void {
    const rivals = [...this.#txs.values()].filter((o) =>
      o.validity.provides.some((t) => tx.validity.provides.includes(t)),
    );
    if (rivals.length === 0) return;
    let best = 0n;
    for (const o of rivals) if (o.validity.priority > best) best = o.validity.priority;
    if (best >= tx.validity.priority) {
      throw new PoolError("tooLowPriority", `(${best} vs ${tx.validity.priority})`);
    }
    for (const o of rivals) this.#remove(toHex(o.hash), { type: "usurped", by: tx.hash });
  }

  #enforceLimits(justAdded: string): void {
    const ready = this.ready();
    const readyIds = new Set(ready.map((t) => toHex(t.hash)));
    const future = [...this.#txs.values()].filter((t) => !readyIds.has(toHex(t.hash)));
    const over = (list: PooledTransaction[], count: number, bytes: number) =>
      list.length > count || list.reduce((n, t) => n + t.bytes.length, 0) > bytes;
    // Drop the lowest priority (then newest) first until within bounds.
    const trim = (list: PooledTransaction[], count: number, bytes: number) => {
      const order = [...list].sort((a, b) =>
        a.validity.priority === b.validity.priority
          ? b.seq - a.seq
          : a.validity.priority < b.validity.priority
            ? -1
            : 1,
      );
      while (over(list, count, bytes) && order.length > 0) {
        const victim = order.shift()!;
        list.splice(list.indexOf(victim), 1);
        const id = toHex(victim.hash);
        if (id === justAdded) {
          this.#txs.delete(id);
          throw new PoolError("dropped", "the pool is full and this transaction pays too little to enter");
        }
        this.#remove(id, { type: "dropped" });
      }
    };
    trim(ready, this.#limits.ready, this.#limits.readyBytes);
    trim(future, this.#limits.future, this.#limits.futureBytes);
  }

  isReady(tx: PooledTransaction): boolean {
    return this.ready().some((t) => bytesEqual(t.hash, tx.hash));
  }

  /**
   * Ready transactions in the order a block should take them: the highest priority whose
   * required tags are all provided (by the chain, or by transactions earlier in this order).
   */
  ready(): PooledTransaction[] {
    const all = [...this.#txs.values()];
    const providedByPool = new Set(all.flatMap((t) => t.validity.provides));
    // A tag no pooled transaction provides was not provided by the chain either (the runtime
    // computed `requires` against the chain), so such transactions wait in the future queue.
    const waiting = all.filter((t) => t.validity.requires.every((r) => providedByPool.has(r)));
    const out: PooledTransaction[] = [];
    const provided = new Set<string>();
    const pending = new Set(waiting);
    for (;;) {
      let pick: PooledTransaction | undefined;
      for (const t of pending) {
        if (!t.validity.requires.every((r) => provided.has(r))) continue;
        if (
          !pick ||
          t.validity.priority > pick.validity.priority ||
          (t.validity.priority === pick.validity.priority && t.seq < pick.seq)
        )
          pick = t;
      }
      if (!pick) return out;
      pending.delete(pick);
      out.push(pick);
      for (const tag of pick.validity.provides) provided.add(tag);
    }
  }

  /**
   * After a block: what it included leaves the pool at once (watchers hear `inBlock`) and expired
   * ones too; the rest is validated again at the new best block in slices that yield to the slot
   * timer and import (`revalidated` resolves when done; a newer block restarts the pass), and
   * now-invalid ones leave. The block builder checks each transaction again anyway.
   */
  blockImported(blockHash: Uint8Array, extrinsics: readonly Uint8Array[]): void {
    extrinsics.forEach((xt, index) => {
      const id = toHex(blake2_256(xt));
      if (this.#txs.delete(id)) this.#notify(id, { type: "inBlock", block: blockHash, index });
    });
    const best = this.#bestNumber();
    for (const [id, tx] of [...this.#txs]) {
      if (BigInt(best - tx.validatedAt) >= tx.validity.longevity)
        this.#remove(id, { type: "invalid", reason: "the transaction's era has ended" });
    }
    const pass = ++this.#pass;
    this.revalidated = inSlices([...this.#txs], ([id, tx]) => this.#revalidate(id, tx, best), {
      stop: () => pass !== this.#pass,
    }).then(() => {});
  }

  /** Settles when the revalidation a block started has run (or a newer block took over). */
  revalidated: Promise<void> = Promise.resolve();
  #pass = 0;

  #revalidate(id: string, tx: PooledTransaction, best: number): void {
    if (this.#txs.get(id) !== tx) return; // gone meanwhile (included, replaced, removed)
    let verdict: ReturnType<Validate>;
    try {
      verdict = this.#validate(tx.bytes, tx.source);
    } catch (e) {
      // The runtime could not check it (e.g. after an upgrade): it cannot stay.
      verdict = { ok: false, invalid: true, reason: (e as Error).message };
    }
    if (!verdict.ok) {
      if (verdict.invalid) this.#ban(id);
      this.#remove(id, { type: "invalid", reason: verdict.reason });
    } else {
      tx.validity = verdict.value;
      tx.validatedAt = best;
    }
  }

  /** Tells the watchers of a pooled transaction that it went out to `peers`. */
  broadcast(hash: Uint8Array, peers: string[]): void {
    const id = toHex(hash);
    if (this.#txs.has(id) && peers.length > 0) this.#notify(id, { type: "broadcast", peers });
  }

  /** Tells watchers of transactions in `extrinsics` that their block was finalized. */
  blockFinalized(blockHash: Uint8Array, extrinsics: readonly Uint8Array[]): void {
    extrinsics.forEach((xt, index) => {
      const id = toHex(blake2_256(xt));
      const set = this.#watchers.get(id);
      if (!set) return;
      for (const w of set) w({ type: "finalized", block: blockHash, index });
      this.#watchers.delete(id);
    });
  }

  #ban(id: string): void {
    const now = this.#now();
    this.#banned.ban(id, now + this.#limits.banMs, now);
  }

  /** Removes a transaction the block builder found invalid. */
  reject(hash: Uint8Array, reason: string): void {
    const id = toHex(hash);
    this.#ban(id);
    this.#remove(id, { type: "invalid", reason });
  }

  /** Follows a transaction's status until it is finalized, dropped or invalid; returns the unsubscribe. */
  watch(hash: Uint8Array, listener: (s: TransactionStatus) => void): () => void {
    const id = toHex(hash);
    const set = this.#watchers.get(id) ?? new Set();
    this.#watchers.set(id, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#watchers.delete(id);
    };
  }

  pending(): PooledTransaction[] {
    return [...this.#txs.values()];
  }

  #remove(id: string, status: TransactionStatus): void {
    if (!this.#txs.delete(id)) return;
    this.#notify(id, status);
    if (status.type !== "ready" && status.type !== "future" && status.type !== "inBlock")
      this.#watchers.delete(id);
  }

  #notify(id: string, status: TransactionStatus): void {
    for (const w of this.#watchers.get(id) ?? []) w(status);
  }
}

/** `TaggedTransactionQueue_validate_transaction`'s answer in the pool's terms. */
export function poolValidity(decoded: CodecType<typeof TransactionValidityCodec>): ReturnType<Validate> {
  if (decoded.ok) {
    const v = decoded.value;
    return {
      ok: true,
      value: {
        priority: v.priority,
        requires: v.requires.map(toHex),
        provides: v.provides.map(toHex),
        longevity: v.longevity,
      },
    };
  }
  // Substrate's words: 1010 carries InvalidTransaction's text ("Custom error: n" for Custom),
  // 1011 the Debug form of UnknownTransaction ("CannotLookup", "Custom(n)").
  const e = decoded.error;
  const v = e.value as { tag: string; value?: number };
  if (e.tag === "Invalid") {
    const reason =
      v.tag === "Custom" ? `Custom error: ${v.value}` : (INVALID_TRANSACTION_WORDS[v.tag] ?? v.tag);
    return { ok: false, invalid: true, reason };
  }
  return { ok: false, invalid: false, reason: v.tag === "Custom" ? `Custom(${v.value})` : v.tag };
}
