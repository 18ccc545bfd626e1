/** Sudo's storage, with FRAME's item name. */
import { bindStorage, value } from "@canary/frame";
import { AccountId32 } from "@canary/primitives";

export const storage = bindStorage("Sudo", {
  Key: value({ value: AccountId32, docs: ["The `AccountId` of the sudo key."] }),
});
