/** Authorship's storage, with FRAME's item name. */
import { value } from "@canary/frame";
import { AccountId32 } from "@canary/primitives";

export const storage = {
  Author: value({ value: AccountId32, docs: ["Author of current block."] }),
};
