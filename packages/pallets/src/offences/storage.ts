/** Offences' storage, with FRAME's item names. */
import { doubleMap, map } from "@canary/frame";
import { H256, Vec } from "@canary/primitives";
import { Kind, OffenceDetails, OpaqueTimeSlot } from "./types.ts";

export const storage = {
  Reports: map("Twox64Concat", H256, {
    value: OffenceDetails,
    docs: ["The primary structure that holds all offence records keyed by report identifiers."],
  }),
  ConcurrentReportsIndex: doubleMap(["Twox64Concat", Kind], ["Twox64Concat", OpaqueTimeSlot], {
    value: Vec(H256),
    default: [],
    docs: ["A vector of reports of the same kind that happened at the same time slot."],
  }),
};
