/** The chain as GRANDPA's vote graphs see it: hex hashes, parents, numbers. */
import { fromHex, type Header, toHex } from "@canary/primitives";
import type { Chain } from "../../chain/chain.ts";
import type { Ancestry, BlockRef } from "./voteGraph.ts";

/** Walks at most this many blocks looking for an ancestor: votes further from the base are refused. */
const MAX_WALK = 4_096;

export class ChainAncestry implements Ancestry {
  readonly #chain: Chain;

  constructor(chain: Chain) {
    this.#chain = chain;
  }

  header(hash: string): Header | undefined {
    return this.#chain.header(fromHex(hash));
  }

  number(hash: string): number | undefined {
    return this.header(hash)?.number;
  }

  path(base: string, block: string): string[] | undefined {
    const out: string[] = [];
    let hash = block;
    const baseNumber = this.number(base);
    if (baseNumber === undefined) return undefined;
    for (let i = 0; i < MAX_WALK; i++) {
      if (hash === base) return out;
      const header = this.header(hash);
      if (!header || header.number <= baseNumber) return undefined;
      out.push(hash);
      hash = toHex(header.parentHash);
    }
    return undefined;
  }

  /** Whether `block` is `ancestor` or descends from it. */
  descends(block: BlockRef, ancestor: BlockRef): boolean {
    return block.hash === ancestor.hash || this.path(ancestor.hash, block.hash) !== undefined;
  }
}

export const refOf = (hash: Uint8Array, number: number): BlockRef => ({ hash: toHex(hash), number });
