/** Utility's types. */
import type { DispatchInfo, DispatchOutcome, Origin, RuntimeCall } from "@canary/frame";
import { DispatchErrorCodec } from "@canary/frame";
import { Result, unit } from "@canary/primitives";

/** What Utility needs of the composed runtime (a `Runtime` is one). */
export interface Dispatcher {
  dispatch(origin: Origin, call: RuntimeCall): DispatchOutcome;
  info(call: RuntimeCall): DispatchInfo;
}

/** `DispatchResult = Result<(), DispatchError>`, as in events' `result` fields. */
export const DispatchResult = Result(unit, DispatchErrorCodec);
