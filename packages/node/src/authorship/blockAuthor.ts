/**
 * Builds and seals blocks on the best block (DESIGN.md §5): the slot's BABE claim in the
 * pre-runtime digest, the runtime's inherents first (the author's clock), then ready pool
 * transactions by priority until the runtime says the block is full; then the header is sealed
 * with the claiming key and the block imported with the state its building produced (no second
 * execution).
 */
import { type BabeClaim, findBabePreDigest, sealBabeHeader } from "@canary/crypto";
import { BlockBuilderApi, CoreApi } from "@canary/frame";
import {
  BABE_ENGINE_ID,
  BabePreDigest,
  type Block,
  type Header,
  INHERENT_IDENTIFIERS,
  preRuntimeItem,
  u64,
} from "@canary/primitives";
import type { BlockRef, Chain, ImportedBlock, ImportQueue } from "../chain/index.ts";
import { apiOn } from "../chain/index.ts";
import { chainSlotDuration } from "../consensus/babe/slotDuration.ts";
import type { BlockState, VerifiedSignatures } from "../overlay/index.ts";
import type { PooledTransaction, TransactionPool } from "../txpool/index.ts";
import { AuthorshipError } from "./errors.ts";

/** How many slots past the clock's an instant-seal author may look for one of its own. */
const MAX_SLOTS_AHEAD = 1n << 16n;

/** What authoring needs of BABE: this node's claim on a slot over a parent, if it has one. */
export interface SlotClaims {
  claim(slot: bigint, parent: Header, parentHash: Uint8Array): BabeClaim | undefined;
}

export interface AuthorOptions {
  chain: Chain;
  pool: TransactionPool;
  claims: SlotClaims;
  /** The chain's slot length in ms; default: what its runtime reports (BabeApi_configuration). */
  slotDurationMs?: number;
  now?: () => number;
  /**
   * Where in its slot a block's timestamp falls, in ms (default 0: the slot's start). The
   * simulator's equivocating validator uses another to make a second, different block of a slot.
   */
  timestampOffsetMs?: number;
  /**
   * The node's import queue: a built block is imported through it (so that every import is
   * ordered in one place), and the pool transactions about to be applied have their signatures
   * verified on its workers while the block is built. Default: the chain, the runtime verifying.
   */
  imports?: ImportQueue;
}

export interface AuthoredBlock {
  block: Block;
  imported: ImportedBlock;
  /** Pool transactions the runtime refused while building, with the reason. */
  rejected: number;
}

export class BlockAuthor {
  readonly #o: Required<Omit<AuthorOptions, "imports">> & Pick<AuthorOptions, "imports">;

  constructor(options: AuthorOptions) {
    this.#o = {
      now: Date.now,
      timestampOffsetMs: 0,
      ...options,
      slotDurationMs: options.slotDurationMs ?? chainSlotDuration(options.chain),
    };
  }

  /** The slot the clock is in. */
  clockSlot(): bigint {
    return BigInt(this.#o.now()) / BigInt(this.#o.slotDurationMs);
  }

  /**
   * Authors in `slot` on `parent` (default: the best block) if this node may; undefined when the
   * slot is not its own or already used.
   */
  authorInSlot(slot: bigint, parent: BlockRef = this.#o.chain.best()): AuthoredBlock | undefined {
    const { chain } = this.#o;
    const parentHeader = chain.header(parent.hash)!;
    if (slot <= slotOf(parentHeader)) return undefined;
    const claim = this.#o.claims.claim(slot, parentHeader, parent.hash);
    return claim ? this.#build(parentHeader, parent.hash, claim) : undefined;
  }

  /**
   * Authors now (instant seal, tests): in the clock's slot, or — the parent used it already, or it
   * is not ours — the next slot this node can claim, so blocks made faster than slots run ahead.
   */
  author(): AuthoredBlock {
    const { chain } = this.#o;
    const parent = chain.best();
    const parentHeader = chain.header(parent.hash)!;
    const parentSlot = slotOf(parentHeader);
    const clock = this.clockSlot();
    const first = clock > parentSlot ? clock : parentSlot + 1n;
    for (let slot = first; slot < first + MAX_SLOTS_AHEAD; slot++) {
      const claim = this.#o.claims.claim(slot, parentHeader, parent.hash);
      if (claim) return this.#build(parentHeader, parent.hash, claim);
    }
    throw new AuthorshipError(
      "AUTHOR_NO_SLOT",
      `no slot of ours within ${MAX_SLOTS_AHEAD} slots of ${first}: this node holds no BABE key of the epoch's authorities`,
    );
  }

  #build(parentHeader: Header, parentHash: Uint8Array, claim: BabeClaim): AuthoredBlock {
    const { chain, pool, slotDurationMs } = this.#o;
    // The timestamp inherent is the slot's start, so that the runtime's slot and BABE's agree; the
    // runtime's own `createInherent` moves it up if it would not rise by the minimum period.
    const now = claim.preDigest.value.slot * BigInt(slotDurationMs) + BigInt(this.#o.timestampOffsetMs);
    const state = chain.stateAt(parentHash);
    const number = parentHeader.number + 1;
    const ready = pool.ready();
    const verified = this.#o.imports?.verifyAhead(
      ready.map((tx) => tx.bytes),
      { number, parentHash },
    );
    try {
      return this.#apply(state, verified, parentHash, number, claim, now, ready);
    } finally {
      // Transactions past a full block are not asked about: their checks are not worth finishing.
      verified?.cancel();
    }
  }

  #apply(
    state: BlockState,
    verified: VerifiedSignatures | undefined,
    parentHash: Uint8Array,
    number: number,
    claim: BabeClaim,
    now: bigint,
    ready: readonly PooledTransaction[],
  ): AuthoredBlock {
    const { chain, pool, imports } = this.#o;
    const host = chain.host(state, verified ? { verified } : {});
    const header: Header = {
      parentHash,
      number,
      stateRoot: new Uint8Array(32),
      extrinsicsRoot: new Uint8Array(32),
      digest: [preRuntimeItem(BABE_ENGINE_ID, BabePreDigest.enc(claim.preDigest))],
    };
    const builder = apiOn(chain, host, BlockBuilderApi);
    apiOn(chain, host, CoreApi).initialize_block(header);
    const inherents = builder.inherent_extrinsics({ data: [[INHERENT_IDENTIFIERS.timestamp, u64.enc(now)]] });
    const included: Uint8Array[] = [];
    for (const xt of inherents) {
      const result = builder.apply_extrinsic(xt);
      if (!result.ok || !result.value.ok)
        throw new AuthorshipError(
          "AUTHOR_INHERENT_REFUSED",
          `the runtime refused its own inherent: ${JSON.stringify(result)}`,
        );
      included.push(xt);
    }
    let rejected = 0;
    for (const tx of ready) {
      const result = builder.apply_extrinsic(tx.bytes);
      if (result.ok) {
        included.push(tx.bytes);
        continue;
      }
      const reason = `${result.error.tag}(${result.error.value.tag})`;
      // A full block ends the building; anything else is the transaction's fault.
      if (result.error.value.tag === "ExhaustsResources") break;
      if (result.error.value.tag === "Future") continue;
      pool.reject(tx.hash, reason);
      rejected++;
    }
    const built = builder.finalize_block();
    const block = { header: sealBabeHeader(built, claim.pair), extrinsics: included };
    const imported = imports ? imports.importExecuted(block, state) : chain.importBlock(block, state);
    pool.blockImported(imported.hash, included);
    return { block, imported, rejected };
  }
}

/** A block's BABE slot (genesis: 0). */
export function slotOf(header: Header): bigint {
  return header.number === 0 ? 0n : findBabePreDigest(header).value.slot;
}
