/** Session's events; indices and field names are FRAME's. */
import { event } from "@canary/frame";
import { u32 } from "@canary/primitives";

export const events = {
  NewSession: event(0, { session_index: u32 }, [
    "New session has happened. Note that the argument is the session index, not the",
    "block number as the type might suggest.",
  ]),
};
