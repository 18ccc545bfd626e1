/** ValidatorManager's storage, with polkadot-sdk's item names: the changes waiting for the next session. */
import { value } from "@canary/frame";
import { AccountId32, Vec } from "@canary/primitives";

export const storage = {
  ValidatorsToRetire: value({
    value: Vec(AccountId32),
    default: [],
    docs: ["Validators that should be retired, because their Parachain was deregistered."],
  }),
  ValidatorsToAdd: value({
    value: Vec(AccountId32),
    default: [],
    docs: ["Validators that should be added."],
  }),
};
