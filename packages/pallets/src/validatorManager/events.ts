/** ValidatorManager's events, with the indices of polkadot-sdk's `validator_manager`. */
import { event } from "@canary/frame";
import { AccountId32, Vec } from "@canary/primitives";

export const events = {
  ValidatorsRegistered: event(0, { validators: Vec(AccountId32) }, ["New validators were added to the set."]),
  ValidatorsDeregistered: event(1, { validators: Vec(AccountId32) }, [
    "Validators were removed from the set.",
  ]),
};
