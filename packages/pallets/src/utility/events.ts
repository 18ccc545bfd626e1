/** Utility's events; indices and field names are FRAME's. */
import { DispatchErrorCodec, event } from "@canary/frame";
import { u32 } from "@canary/primitives";
import { DispatchResult } from "./types.ts";

export const events = {
  BatchInterrupted: event(0, { index: u32, error: DispatchErrorCodec }, [
    "Batch of dispatches did not complete fully. Index of first failing dispatch given, as",
    "well as the error.",
  ]),
  BatchCompleted: event(1, {}, ["Batch of dispatches completed fully with no error."]),
  BatchCompletedWithErrors: event(2, {}, ["Batch of dispatches completed but has errors."]),
  ItemCompleted: event(3, {}, ["A single item within a Batch of dispatches has completed with no error."]),
  ItemFailed: event(4, { error: DispatchErrorCodec }, [
    "A single item within a Batch of dispatches has completed with error.",
  ]),
  DispatchedAs: event(5, { result: DispatchResult }, ["A call was dispatched."]),
};
