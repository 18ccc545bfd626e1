/**
 * Storage keys and inherent identifiers whose meaning host and runtime agree on
 * (`sp_core::storage::well_known_keys`, FRAME System, `sp_timestamp`, `sp_consensus_*`). Both
 * sides import them from here so a key can never be spelled two ways. The arrays are shared:
 * never write into them.
 */
import { encodeUtf8 } from "./utf8.ts";

/** Unhashed keys at the top of the state, outside every pallet's prefix. */
export const WELL_KNOWN_KEYS = {
  /** The runtime code: what the executor runs; `System.set_code` replaces it. */
  code: encodeUtf8(":code"),
  /** How many 64 KiB pages of heap the runtime asks a Wasm host for. */
  heapPages: encodeUtf8(":heappages"),
  /** The index of the extrinsic being applied (FRAME System; events record it as their phase). */
  extrinsicIndex: encodeUtf8(":extrinsic_index"),
  /** The GRANDPA authority set, where light clients read it. */
  grandpaAuthorities: encodeUtf8(":grandpa_authorities"),
} as const;

/**
 * The 8-byte keys of `InherentData`: what the block author gives the runtime for its inherents
 * (`BlockBuilder_inherent_extrinsics`) and an importer checks them against.
 */
export const INHERENT_IDENTIFIERS = {
  /** The author's clock, a u64 of milliseconds (`sp_timestamp::INHERENT_IDENTIFIER`). */
  timestamp: encodeUtf8("timstap0"),
  /** The BABE slot of the block (`sp_consensus_babe::inherents::INHERENT_IDENTIFIER`). */
  babeSlot: encodeUtf8("babeslot"),
  /** The Aura slot of the block (`sp_consensus_aura::inherents::INHERENT_IDENTIFIER`). */
  auraSlot: encodeUtf8("auraslot"),
} as const;
