/** Timestamp's storage, with FRAME's item names. */
import { value } from "@canary/frame";
import { bool } from "@canary/primitives";
import { Moment } from "./types.ts";

export const storage = {
  Now: value({ value: Moment, default: 0n, docs: ["The current time for the current block."] }),
  DidUpdate: value({
    value: bool,
    default: false,
    docs: [
      "Whether the timestamp has been updated in this block.",
      "",
      "This value is updated to `true` upon successful submission of a timestamp by a node.",
      "It is then checked at the end of each block execution in the `on_finalize` hook.",
    ],
  }),
};
