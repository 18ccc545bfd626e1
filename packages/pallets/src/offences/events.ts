/** Offences' events; index and field names are FRAME's. */
import { event } from "@canary/frame";
import { Kind, OpaqueTimeSlot } from "./types.ts";

export const events = {
  Offence: event(0, { kind: Kind, timeslot: OpaqueTimeSlot }, [
    "There is an offence reported of the given `kind` happened at the `session_index` and",
    "(kind-specific) time slot. This event is not deposited for duplicate slashes.",
  ]),
};
