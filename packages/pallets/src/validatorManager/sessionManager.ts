/**
 * The session manager of a proof-of-authority chain whose set Root edits (polkadot-sdk's
 * `validator_manager`, as Rococo and Westend use it): each new session's set is the current one,
 * minus those retired and plus those added since the last session, in that order; none when
 * nothing changed. Sessions 0 and 1 keep the genesis set.
 */
import { bytesEqual } from "@canary/primitives";
import type { SessionManager } from "../session/index.ts";
import type { ValidatorManagerSelf } from "./config.ts";

export function sessionManager({ storage, config }: ValidatorManagerSelf): SessionManager {
  return {
    newSession(index: number): Uint8Array[] | undefined {
      if (index <= 1) return undefined;
      const retire = storage.ValidatorsToRetire.get();
      const add = storage.ValidatorsToAdd.get();
      // Nothing pending: the set stays, and GRANDPA sees no change (Rococo's answers the set
      // every session, so that its GRANDPA changes sets each session; staking's answers none too).
      if (retire.length === 0 && add.length === 0) return undefined;
      storage.ValidatorsToRetire.kill();
      storage.ValidatorsToAdd.kill();
      const validators = config.validators().filter((v) => !retire.some((r) => bytesEqual(r, v)));
      for (const v of add) if (!validators.some((w) => bytesEqual(w, v))) validators.push(v);
      return validators;
    },
  };
}
