/**
 * BabeApi's answers kept in storage for Wasm hosts (decision 0006): light clients run
 * `BabeApi_configuration`, `_current_epoch` and `_next_epoch` in the runtime envelope's Wasm,
 * which returns these values as they are. They change only at genesis, when block #1 fixes the
 * genesis slot, and when an epoch is enacted: they are written then, and equal what the
 * JavaScript runtime answers at every block.
 */
import { host } from "@canary/frame";
import { BabeConfiguration, BabeEpoch, bytesEqual, encodeUtf8 } from "@canary/primitives";
import type { BabeSelf } from "./config.ts";
import type { Epoch } from "./types.ts";

export const BABE_ANSWER_KEYS = {
  configuration: encodeUtf8(":canary:babe:configuration"),
  currentEpoch: encodeUtf8(":canary:babe:current_epoch"),
  nextEpoch: encodeUtf8(":canary:babe:next_epoch"),
} as const;

export interface EpochAnswers {
  currentEpoch(): Epoch;
  nextEpoch(): Epoch;
}

/** `BabeApi_configuration`: the slot and epoch lengths and the current epoch's setup. */
export function babeConfiguration(self: BabeSelf): BabeConfiguration {
  const { storage, config } = self;
  const epochConfig = storage.EpochConfig.get() ?? config.genesisEpochConfig;
  return {
    slotDuration: storage.SlotDuration.get() ?? config.expectedBlockTime,
    epochLength: storage.EpochLength.get() ?? config.epochDuration,
    c: epochConfig.c,
    authorities: storage.Authorities.get(),
    randomness: storage.Randomness.get(),
    allowedSlots: epochConfig.allowedSlots,
  };
}

/** Writes the three answers where they changed. */
export function publishAnswers(self: BabeSelf, epochs: EpochAnswers): void {
  const h = host();
  const put = (key: Uint8Array, value: Uint8Array) => {
    const had = h.storageGet(key);
    if (!had || !bytesEqual(had, value)) h.storageSet(key, value);
  };
  put(BABE_ANSWER_KEYS.configuration, BabeConfiguration.enc(babeConfiguration(self)));
  put(BABE_ANSWER_KEYS.currentEpoch, BabeEpoch.enc(epochs.currentEpoch()));
  put(BABE_ANSWER_KEYS.nextEpoch, BabeEpoch.enc(epochs.nextEpoch()));
}
