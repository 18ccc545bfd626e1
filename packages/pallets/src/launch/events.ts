/** Launch's events. */
import { event } from "@canary/frame";

export const events = {
  RestrictionLifted: event(0, {}, ["Every call may now be dispatched: the launch restriction is over."]),
};
