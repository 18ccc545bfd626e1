/**
 * Blocks in the database: headers, bodies, the blocks at each height (forks included), the
 * canonical chain, and the best and finalized pointers. Writes go into the caller's batch so a
 * block, its state change and the new pointers land in one transaction.
 */
import {
  type Block,
  blockHash,
  bytesEqual,
  type Header,
  Header as HeaderCodec,
  Justifications,
  OpaqueExtrinsic,
  toHex,
  Vec,
} from "@canary/primitives";
import {
  blockNumberHashKey,
  blockNumberKey,
  type DatabaseReader,
  metaKeys,
  type WriteBatch,
} from "../db/index.ts";
import { ChainError } from "./errors.ts";

const Body = Vec(OpaqueExtrinsic, "block body");

export interface BlockRef {
  hash: Uint8Array;
  number: number;
}

export class BlockStore {
  readonly #db: DatabaseReader;

  constructor(db: DatabaseReader) {
    this.#db = db;
  }

  header(hash: Uint8Array): Header | undefined {
    const raw = this.#db.get("header", hash);
    return raw ? HeaderCodec.dec(raw) : undefined;
  }

  body(hash: Uint8Array): Uint8Array[] | undefined {
    const raw = this.#db.get("body", hash);
    return raw ? Body.dec(raw) : undefined;
  }

  block(hash: Uint8Array): Block | undefined {
    const header = this.header(hash);
    const extrinsics = this.body(hash);
    return header && extrinsics ? { header, extrinsics } : undefined;
  }

  /** The justifications stored for block `hash` (engine id and encoded justification), if any. */
  justifications(hash: Uint8Array): Array<[Uint8Array, Uint8Array]> | undefined {
    const raw = this.#db.get("justification", hash);
    return raw ? Justifications.dec(raw) : undefined;
  }

  /** Stores `justifications` with block `hash` (replacing what it had). */
  putJustifications(
    batch: WriteBatch,
    hash: Uint8Array,
    justifications: Array<[Uint8Array, Uint8Array]>,
  ): void {
    batch.put("justification", hash, Justifications.enc(justifications));
  }

  /** The newest GRANDPA justification this node finalized with, and its block. */
  latestJustification(): { hash: Uint8Array; justification: Uint8Array } | undefined {
    const raw = this.#db.get("meta", metaKeys.latestJustification);
    return raw && raw.length > 32 ? { hash: raw.slice(0, 32), justification: raw.slice(32) } : undefined;
  }

  /** The finalized blocks that enact a GRANDPA set change, from height `from` up, in order. */
  *setChanges(from: number): Iterable<BlockRef> {
    for (const { key, value } of this.#db.entries("grandpaSetChange", { gte: blockNumberKey(from) })) {
      yield { hash: value, number: new DataView(key.buffer, key.byteOffset, 4).getUint32(0) };
    }
  }

  has(hash: Uint8Array): boolean {
    return this.#db.has("header", hash);
  }

  /** The canonical block at `number` (on the best chain). */
  hashAt(number: number): Uint8Array | undefined {
    if (!Number.isInteger(number) || number < 0 || number > 0xffff_ffff) return undefined;
    const hash = this.#db.get("canonicalHash", blockNumberKey(number));
    if (hash === undefined) this.#checkAbsent(number);
    return hash;
  }

  /** A height at or below the best block must be on the canonical chain: if not, the database lost it. */
  #checkAbsent(number: number): void {
    const best = this.#db.get("meta", metaKeys.bestBlock);
    const bestNumber = best && this.header(best)?.number;
    if (bestNumber !== undefined && number <= bestNumber) {
      throw new ChainError(
        "CHAIN_CORRUPT",
        `the database has lost canonical block #${number} (the best block is #${bestNumber}): it is damaged`,
      );
    }
  }

  /** Every stored block at `number`, forks included. */
  hashesAt(number: number): Uint8Array[] {
    return [...this.#db.keys("blockNumber", { prefix: blockNumberKey(number) })].map((k) => k.slice(4));
  }

  best(): BlockRef {
    return this.#pointer(metaKeys.bestBlock, "best");
  }

  finalized(): BlockRef {
    return this.#pointer(metaKeys.finalizedBlock, "finalized");
  }

  #pointer(key: Uint8Array, what: string): BlockRef {
    const hash = this.#db.get("meta", key);
    const header = hash && this.header(hash);
    if (!hash || !header) {
      throw new ChainError(
        "CHAIN_CORRUPT",
        `the database has no ${what} block: purge the chain and start again`,
      );
    }
    return { hash, number: header.number };
  }

  putBlock(batch: WriteBatch, block: Block): Uint8Array {
    const hash = blockHash(block.header);
    batch.put("header", hash, HeaderCodec.enc(block.header));
    batch.put("body", hash, Body.enc(block.extrinsics));
    batch.put("blockNumber", blockNumberHashKey(block.header.number, hash), new Uint8Array(0));
    return hash;
  }

  /**
   * Makes `to` the best block: the canonical hashes from the common ancestor with the current
   * best chain up to `to` are rewritten, and heights above `to` dropped (a reorg to a shorter
   * chain). `pending` are headers written in this batch but not yet readable.
   */
  setBest(batch: WriteBatch, to: BlockRef, pending: Map<string, Header> = new Map()): void {
    const header = (hash: Uint8Array) => pending.get(toHex(hash)) ?? this.header(hash);
    const old = this.#db.get("meta", metaKeys.bestBlock);
    const oldNumber = old ? (this.header(old)?.number ?? 0) : 0;
    let hash = to.hash;
    let number = to.number;
    for (;;) {
      const canonical = this.hashAt(number);
      if (canonical && bytesEqual(canonical, hash)) break;
      batch.put("canonicalHash", blockNumberKey(number), hash);
      if (number === 0) break;
      const h = header(hash);
      if (!h) throw new ChainError("CHAIN_UNKNOWN_BLOCK", `block #${number} is not stored`);
      hash = h.parentHash;
      number--;
    }
    for (let n = to.number + 1; n <= oldNumber; n++) batch.delete("canonicalHash", blockNumberKey(n));
    batch.put("meta", metaKeys.bestBlock, to.hash);
  }

  setFinalized(batch: WriteBatch, hash: Uint8Array): void {
    batch.put("meta", metaKeys.finalizedBlock, hash);
  }
}
