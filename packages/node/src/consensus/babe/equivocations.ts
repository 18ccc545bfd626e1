/**
 * BABE equivocation detection (sc-consensus-babe's `check_equivocation`): the headers imported in
 * each recent slot are kept by author; a second, different header of the same author in the same
 * slot is an equivocation, reported once with both headers. Slots more than `window` behind the
 * newest are forgotten (Substrate keeps 1,000 slots' headers, pruned at twice that).
 */
import { findBabePreDigest } from "@canary/crypto";
import { type BabeEquivocationProof, blockHash, type Header, toHex } from "@canary/primitives";
import type { Chain } from "../../chain/chain.ts";
import type { EpochResolver } from "./epochs.ts";

interface Seen {
  author: string;
  hash: string;
  header: Header;
  reported: boolean;
}

export class BabeEquivocations {
  readonly #bySlot = new Map<bigint, Seen[]>();
  #newest = 0n;
  readonly #chain: () => Chain;
  readonly #epochs: EpochResolver;
  readonly #onEquivocation: (proof: BabeEquivocationProof) => void;
  readonly #window: bigint;

  constructor(
    chain: () => Chain,
    epochs: EpochResolver,
    onEquivocation: (proof: BabeEquivocationProof) => void,
    window = 1_000n,
  ) {
    this.#chain = chain;
    this.#epochs = epochs;
    this.#onEquivocation = onEquivocation;
    this.#window = window;
  }

  /** Notes an imported (verified) header; reports it when it equivocates with one seen before. */
  note(header: Header): void {
    if (header.number === 0) return;
    const parent = this.#chain().header(header.parentHash);
    if (!parent) return;
    const { slot, authorityIndex } = findBabePreDigest(header).value;
    const authority = this.#epochs.epochFor(parent, header.parentHash, slot).authorities[authorityIndex];
    if (!authority) return;
    const author = toHex(authority.publicKey);
    const hash = toHex(blockHash(header));
    const seen = this.#bySlot.get(slot) ?? [];
    if (seen.some((s) => s.hash === hash)) return;
    const earlier = seen.find((s) => s.author === author && !s.reported);
    seen.push({ author, hash, header, reported: earlier !== undefined });
    this.#bySlot.set(slot, seen);
    if (earlier) {
      earlier.reported = true;
      this.#onEquivocation({
        offender: authority.publicKey,
        slot,
        firstHeader: earlier.header,
        secondHeader: header,
      });
    }
    if (slot > this.#newest) {
      this.#newest = slot;
      for (const s of this.#bySlot.keys()) if (s + this.#window < slot) this.#bySlot.delete(s);
    }
  }
}
