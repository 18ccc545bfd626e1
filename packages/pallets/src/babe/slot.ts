/**
 * BABE's slot and epoch lengths and FRAME's `OnTimestampSet` check: a block's timestamp falls in the slot
 * its claim names, so the runtime's clock and BABE's agree (`timestamp / slot_duration == slot`).
 * Both lengths are the chain's (genesis `slotDuration`, `epochDuration`), not constants of the
 * runtime, so one runtime serves Kusama's 6 s slots and hour-long epochs and short test chains alike.
 */
import { CanaryError } from "@canary/primitives";
import type { BabeSelf } from "./config.ts";

export const BABE_PANICS = {
  timestampSlot: "BABE_TIMESTAMP_SLOT",
} as const;

export function slotFns({ storage, config }: BabeSelf) {
  /** Milliseconds per slot (`BabeApi_configuration().slot_duration`). */
  const slotDuration = (): bigint => storage.SlotDuration.get() ?? config.expectedBlockTime;
  return {
    slotDuration,
    /** Slots per epoch (and session): the chain's, like the slot length. */
    epochDuration: (): bigint => storage.EpochLength.get() ?? config.epochDuration,
    /**
     * Timestamp's `onTimestampSet` (FRAME asserts the same): a panic, so the block is invalid.
     * A block without a BABE claim has no slot to compare (the node refuses such blocks anyway).
     */
    onTimestampSet(now: bigint): void {
      if (!storage.Initialized.get()) return;
      const slot = storage.CurrentSlot.get();
      const timestampSlot = now / slotDuration();
      if (timestampSlot !== slot) {
        throw new CanaryError(
          BABE_PANICS.timestampSlot,
          `Timestamp slot must match CurrentSlot: timestamp ${now} ms is in slot ${timestampSlot} of ${slotDuration()} ms, the block claims slot ${slot}`,
        );
      }
    },
  };
}
