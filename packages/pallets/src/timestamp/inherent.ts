/**
 * The timestamp inherent as the block author and importer see it (FRAME's `ProvideInherent`):
 * building the call from the author's clock and checking another author's call against ours.
 */
import type { RuntimeCall } from "@canary/frame";
import { minimumPeriodOf, type TimestampSelf } from "./config.ts";

/** How far ahead of the importer's clock a block's timestamp may be (FRAME: 30 s). */
export const MAX_TIMESTAMP_DRIFT_MILLIS = 30_000n;

export type InherentError = "TooEarly" | "TooFarInFuture";

/** The inherent functions of one Timestamp instance. */
export function inherent({ name, storage, config }: TimestampSelf) {
  /** The `set` call for time `now` (ms). */
  const inherentCall = (now: bigint): RuntimeCall => ({ tag: name, value: { tag: "set", value: { now } } });
  return {
    inherentCall,
    /** The call an author puts in its block: its clock, but never earlier than allowed. */
    createInherent(clockNow: bigint): RuntimeCall {
      const earliest = storage.Now.get() + minimumPeriodOf(config);
      return inherentCall(clockNow > earliest ? clockNow : earliest);
    },
    /** Checks a block's timestamp against the importer's clock; undefined when acceptable. */
    checkInherent(now: bigint, clockNow: bigint): InherentError | undefined {
      if (now > clockNow + MAX_TIMESTAMP_DRIFT_MILLIS) return "TooFarInFuture";
      if (now < storage.Now.get() + minimumPeriodOf(config)) return "TooEarly";
      return undefined;
    },
    /** The current block's time (ms); before `set` runs in a block, the previous block's. */
    now: (): bigint => storage.Now.get(),
  };
}
