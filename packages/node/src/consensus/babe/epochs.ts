/**
 * The BABE epoch a new slot falls in, from the runtime at its parent (Substrate's epoch-changes
 * tree, read from state instead: a full node has the parent's state). On top of genesis the
 * genesis epoch starts at the new block's slot; otherwise the slot is in the parent's epoch
 * (`BabeApi_current_epoch`), in the announced next one (`BabeApi_next_epoch`), or — the chain was
 * down for whole epochs — in a later one with the next epoch's data re-indexed (`epochForSlot`).
 */
import { type BabeClaimEpoch, epochForSlot } from "@canary/crypto";
import { BabeApi } from "@canary/frame";
import { type BabeEpoch, type Header, toHex } from "@canary/primitives";
import type { Chain } from "../../chain/chain.ts";
import { apiAt } from "../../chain/runtimeApi.ts";
import { chainSlotDuration } from "./slotDuration.ts";

export interface SlotEpoch extends BabeClaimEpoch {
  readonly startSlot: bigint;
  readonly duration: bigint;
  /** Whether the slot is in a later epoch than its parent's: the block must announce the next one. */
  readonly startsEpoch: boolean;
}

interface ParentEpochs {
  current: BabeEpoch;
  next: BabeEpoch;
  genesis: boolean;
}

const CACHE = 64;

export class EpochResolver {
  readonly #chain: () => Chain;
  readonly #cache = new Map<string, ParentEpochs>();
  #slotDurationMs: number | undefined;

  /** `chain` is a function: the chain's import checks use this resolver, so it exists first. */
  constructor(chain: () => Chain) {
    this.#chain = chain;
  }

  /**
   * The chain's slot length in ms (`BabeApi_configuration` at `at`): chosen at genesis and never
   * changed by the runtime, so read once.
   */
  slotDurationMs(at: Uint8Array): number {
    this.#slotDurationMs ??= chainSlotDuration(this.#chain(), at);
    return this.#slotDurationMs;
  }

  /** The epoch of `slot` in a block on top of `parent` (whose hash is `parentHash`). */
  epochFor(parent: Header, parentHash: Uint8Array, slot: bigint): SlotEpoch {
    const { current, next, genesis } = this.#epochsAt(parent, parentHash);
    if (genesis) return slotEpoch({ ...current, startSlot: slot }, true);
    if (slot < current.startSlot + current.duration) return slotEpoch(current, false);
    const { epochIndex, startSlot } = epochForSlot(next, slot);
    return slotEpoch({ ...next, epochIndex, startSlot }, true);
  }

  #epochsAt(parent: Header, parentHash: Uint8Array): ParentEpochs {
    const key = toHex(parentHash);
    const cached = this.#cache.get(key);
    if (cached) return cached;
    const api = apiAt(this.#chain(), parentHash, BabeApi);
    let found: ParentEpochs;
    if (parent.number === 0) {
      const c = api.configuration();
      const epoch: BabeEpoch = {
        epochIndex: 0n,
        startSlot: 0n,
        duration: c.epochLength,
        authorities: c.authorities,
        randomness: c.randomness,
        config: { c: c.c, allowedSlots: c.allowedSlots },
      };
      found = { current: epoch, next: epoch, genesis: true };
    } else {
      found = { current: api.current_epoch(), next: api.next_epoch(), genesis: false };
    }
    this.#cache.set(key, found);
    if (this.#cache.size > CACHE) this.#cache.delete(this.#cache.keys().next().value as string);
    return found;
  }
}

function slotEpoch(epoch: BabeEpoch, startsEpoch: boolean): SlotEpoch {
  return {
    epochIndex: epoch.epochIndex,
    startSlot: epoch.startSlot,
    duration: epoch.duration,
    randomness: epoch.randomness,
    authorities: epoch.authorities.map(([publicKey, weight]) => ({ publicKey, weight })),
    config: epoch.config,
    startsEpoch,
  };
}
