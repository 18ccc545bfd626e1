/** Sudo's storage, with FRAME's item name. */
import { value } from "@canary/frame";
import { AccountId32 } from "@canary/primitives";

export const storage = {
  Key: value({ value: AccountId32, docs: ["The `AccountId` of the sudo key."] }),
};
