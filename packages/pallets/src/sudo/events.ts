/** Sudo's events; indices and field names are FRAME's. */
import { event } from "@canary/frame";
import { AccountId32, Option } from "@canary/primitives";
import { DispatchResult } from "./types.ts";

export const events = {
  Sudid: event(0, { sudo_result: DispatchResult }, ["A sudo call just took place."]),
  KeyChanged: event(1, { old: Option(AccountId32), new: AccountId32 }, ["The sudo key has been updated."]),
  KeyRemoved: event(2, {}, ["The key was permanently removed."]),
  SudoAsDone: event(3, { sudo_result: DispatchResult }, [
    "A [sudo_as](Pallet::sudo_as) call just took place.",
  ]),
};
