/** `BabeApi_configuration`: the slot length, epoch length and the current epoch's setup, as Kusama's runtime answers. */
import type { BabeConfiguration } from "@canary/primitives";
import { EPOCH_DURATION_IN_SLOTS, MILLISECS_PER_BLOCK } from "./constants.ts";
import type { Relay } from "./runtime.ts";

export function babeConfiguration({ pallets }: Relay): BabeConfiguration {
  const { babe } = pallets;
  const config = babe.api.epochConfig();
  return {
    slotDuration: MILLISECS_PER_BLOCK,
    epochLength: EPOCH_DURATION_IN_SLOTS,
    c: config.c,
    authorities: babe.storage.Authorities.get(),
    randomness: babe.storage.Randomness.get(),
    allowedSlots: config.allowedSlots,
  };
}
