/**
 * GRANDPA's storage, with FRAME's item names. The authority list itself lives at the well-known
 * key `:grandpa_authorities` (as `VersionedAuthorityList`), where nodes and light clients read it.
 */
import { map, value } from "@canary/frame";
import { Tuple, u32, u64 } from "@canary/primitives";
import { StoredPendingChange, StoredState } from "./types.ts";

export const storage = {
  State: value({
    value: StoredState,
    default: { tag: "Live" },
    docs: ["State of the current authority set."],
  }),
  PendingChange: value({
    value: StoredPendingChange,
    docs: ["Pending change: (signaled at, scheduled change)."],
  }),
  NextForced: value({ value: u32, docs: ["next block number where we can force a change."] }),
  Stalled: value({ value: Tuple(u32, u32), docs: ["`true` if we are currently stalled."] }),
  CurrentSetId: value({
    value: u64,
    default: 0n,
    docs: [
      "The number of changes (both in terms of keys and underlying economic responsibilities)",
      'in the "set" of Grandpa validators from genesis.',
    ],
  }),
  SetIdSession: map("Twox64Concat", u64, {
    value: u32,
    docs: [
      "A mapping from grandpa set ID to the index of the *most recent* session for which its",
      "members were responsible.",
    ],
  }),
};
