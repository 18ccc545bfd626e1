/** Historical's storage, with FRAME's item names (`pallet_session::historical`). */
import { map, value } from "@canary/frame";
import { H256, Tuple, u32 } from "@canary/primitives";

export const storage = {
  HistoricalSessions: map("Twox64Concat", u32, {
    value: Tuple(H256, u32),
    docs: ["Mapping from historical session indices to session-data root hash and validator count."],
  }),
  StoredRange: value({
    value: Tuple(u32, u32),
    docs: ["The range of historical sessions we store. [first, last)"],
  }),
};
