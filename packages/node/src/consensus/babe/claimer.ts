/**
 * This node's BABE claims: for a slot on top of a parent, `claimSlot` with the keys the node
 * holds among the slot epoch's authorities — a primary claim when a key's VRF output is under its
 * threshold, else the secondary claim when this node is the slot's secondary author.
 */
import { type BabeClaim, claimSlot, type Keypair } from "@canary/crypto";
import type { Header } from "@canary/primitives";
import type { EpochResolver } from "./epochs.ts";

/** The sr25519 `babe` key the node holds for an authority's public key, if any. */
export type BabeKeyLookup = (publicKey: Uint8Array) => Keypair | undefined;

export class BabeClaimer {
  readonly #epochs: EpochResolver;
  readonly #keys: BabeKeyLookup;

  constructor(epochs: EpochResolver, keys: BabeKeyLookup) {
    this.#epochs = epochs;
    this.#keys = keys;
  }

  /** The claim on `slot` over `parent`, or undefined when the slot is not this node's. */
  claim(slot: bigint, parent: Header, parentHash: Uint8Array): BabeClaim | undefined {
    const epoch = this.#epochs.epochFor(parent, parentHash, slot);
    const keys = epoch.authorities.flatMap((a, authorityIndex) => {
      const pair = this.#keys(a.publicKey);
      return pair ? [{ pair, authorityIndex }] : [];
    });
    return keys.length === 0 ? undefined : claimSlot(slot, epoch, keys);
  }

  /** Whether this node holds a key of the epoch `slot` on top of `parent` falls in. */
  isAuthority(slot: bigint, parent: Header, parentHash: Uint8Array): boolean {
    const epoch = this.#epochs.epochFor(parent, parentHash, slot);
    return epoch.authorities.some((a) => this.#keys(a.publicKey) !== undefined);
  }
}
