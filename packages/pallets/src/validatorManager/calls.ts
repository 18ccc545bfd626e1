/** ValidatorManager's calls (Root only), with the indices of polkadot-sdk's `validator_manager`. */
import { call, ensureRoot } from "@canary/frame";
import { AccountId32, Vec } from "@canary/primitives";
import type { ValidatorManagerSelf } from "./config.ts";
import { weights } from "./weights.ts";

export const calls = (self: ValidatorManagerSelf) => ({
  register_validators: call({
    index: 0,
    args: { validators: Vec(AccountId32) },
    weight: (a) => weights.registerValidators(a.validators.length),
    docs: [
      "Add new validators to the set.",
      "",
      "The new validators will be active from current session + 2.",
    ],
    dispatch: (origin, { validators }) => {
      ensureRoot(origin);
      self.storage.ValidatorsToAdd.mutate((pending) => [...pending, ...validators]);
      self.emit("ValidatorsRegistered", { validators });
    },
  }),
  deregister_validators: call({
    index: 1,
    args: { validators: Vec(AccountId32) },
    weight: (a) => weights.deregisterValidators(a.validators.length),
    docs: [
      "Remove validators from the set.",
      "",
      "The removed validators will be deactivated from current session + 2.",
    ],
    dispatch: (origin, { validators }) => {
      ensureRoot(origin);
      self.storage.ValidatorsToRetire.mutate((pending) => [...pending, ...validators]);
      self.emit("ValidatorsDeregistered", { validators });
    },
  }),
});
