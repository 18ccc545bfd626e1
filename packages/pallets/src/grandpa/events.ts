/** GRANDPA's events; indices and field names are FRAME's. */
import { event } from "@canary/frame";
import { AuthorityList } from "./types.ts";

export const events = {
  NewAuthorities: event(0, { authority_set: AuthorityList }, ["New authority set has been applied."]),
  Paused: event(1, {}, ["Current authority set has been paused."]),
  Resumed: event(2, {}, ["Current authority set has been resumed."]),
};
