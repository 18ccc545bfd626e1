/** System's genesis: the runtime code and FRAME's initial markers. */
import { host } from "@canary/frame";
import { u32, WELL_KNOWN_KEYS } from "@canary/primitives";
import type { SystemSelf } from "./config.ts";

export interface SystemGenesis {
  /** The runtime bundle stored at `:code`; the host adds it itself when building from a preset. */
  code?: Uint8Array;
}

/** FRAME writes 69 repeated as block 0's recorded hash and parent: no real block precedes genesis. */
const HASH_69 = new Uint8Array(32).fill(69);

export function buildGenesis({ storage }: SystemSelf, config: SystemGenesis): void {
  if (config.code !== undefined) host().storageSet(WELL_KNOWN_KEYS.code, config.code);
  host().storageSet(WELL_KNOWN_KEYS.extrinsicIndex, u32.enc(0));
  storage.BlockHash.set(0, HASH_69);
  storage.ParentHash.set(HASH_69);
  storage.UpgradedToU32RefCount.set(true);
  storage.UpgradedToTripleRefCount.set(true);
}
