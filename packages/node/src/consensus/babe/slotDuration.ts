/**
 * The chain's slot length: its runtime's `BabeApi_configuration().slot_duration`, chosen in the
 * genesis config (Babe's `slotDuration`, Kusama's 6,000 ms by default). Every node of a chain
 * reads the same value, so slot timers, timestamps and import checks agree without a flag.
 */
import { BabeApi } from "@canary/frame";
import type { Chain } from "../../chain/chain.ts";
import { apiAt } from "../../chain/runtimeApi.ts";

/** The slot length in ms at block `at` (default: the best block). */
export function chainSlotDuration(chain: Chain, at: Uint8Array = chain.best().hash): number {
  return Number(apiAt(chain, at, BabeApi).configuration().slotDuration);
}
