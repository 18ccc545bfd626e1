/**
 * What the runtime supplies to BABE, and what its parts receive: the epoch length, the genesis
 * epoch configuration, and the VRF output of primary claims (computed by the host).
 */
import type { PalletSelf, StorageOf } from "@canary/frame";
import type { EquivocationReporting } from "../offences/equivocation.ts";
import type { SystemInstance } from "../system/index.ts";
import type { errors } from "./errors.ts";
import type { events } from "./events.ts";
import type { storage } from "./storage.ts";
import type { BabeEpochConfiguration } from "./types.ts";

export interface BabeConfig {
  system: SystemInstance;
  /** Slots per epoch (Kusama: 600, an hour of 6 s slots). */
  epochDuration: bigint;
  /**
   * The slot length in milliseconds when genesis chooses none (Kusama: 6,000); the metadata's
   * `ExpectedBlockTime` constant. The chain's own is `SlotDuration` (slot.ts).
   */
  expectedBlockTime: bigint;
  /** The configuration of epochs 0 and 1. */
  genesisEpochConfig: BabeEpochConfiguration;
  /**
   * The per-block randomness of a primary or secondary-VRF claim (`make_bytes::<32>` of the
   * claim's VRF output in context `BabeVRFInOutContext`), which the host computes; without it no
   * VRF randomness is collected.
   */
  /**
   * Key ownership proofs and offences for equivocation reports (a function: Historical and
   * Offences are composed after BABE); without it every report is refused.
   */
  equivocation?: () => EquivocationReporting | undefined;
  vrfRandomness?: (
    authority: Uint8Array,
    transcript: { slot: bigint; epoch: bigint; randomness: Uint8Array },
    preOutput: Uint8Array,
  ) => Uint8Array | undefined;
}

export type BabeSelf = PalletSelf<BabeConfig, StorageOf<typeof storage>, typeof events, typeof errors>;
