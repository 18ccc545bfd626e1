/**
 * The timestamp inherent as the block author and importer see it (FRAME's `ProvideInherent`):
 * building the call from the author's clock and checking another author's call against ours.
 */
import type { RuntimeCall } from "@canary/frame";
import { timestampConfig } from "./config.ts";
import { storage } from "./storage.ts";

/** How far ahead of the importer's clock a block's timestamp may be (FRAME: 30 s). */
export const MAX_TIMESTAMP_DRIFT_MILLIS = 30_000n;

/** The `Timestamp.set` call for time `now` (ms). */
export function inherentCall(now: bigint): RuntimeCall {
  return { tag: "Timestamp", value: { tag: "set", value: { now } } };
}

/** The call an author puts in its block: its clock, but never earlier than allowed. */
export function createInherent(clockNow: bigint): RuntimeCall {
  const earliest = storage.Now.get() + timestampConfig().minimumPeriod;
  return inherentCall(clockNow > earliest ? clockNow : earliest);
}

export type InherentError = "TooEarly" | "TooFarInFuture";

/** Checks a block's timestamp against the importer's clock; undefined when acceptable. */
export function checkInherent(now: bigint, clockNow: bigint): InherentError | undefined {
  if (now > clockNow + MAX_TIMESTAMP_DRIFT_MILLIS) return "TooFarInFuture";
  if (now < storage.Now.get() + timestampConfig().minimumPeriod) return "TooEarly";
  return undefined;
}
