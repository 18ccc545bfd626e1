/**
 * pallet_session for Canary: validators' session keys, sessions that end when the runtime says
 * (a BABE epoch), the next validator set from the session manager, and the handlers (BABE,
 * GRANDPA) told of each set.
 */
import { definePallet, type PalletInstance } from "@canary/frame";
import { calls } from "./calls.ts";
import type { SessionSelf } from "./config.ts";
import { errors } from "./errors.ts";
import { events } from "./events.ts";
import { buildGenesis, type SessionGenesis } from "./genesis.ts";
import { hooks } from "./hooks.ts";
import { keyFns } from "./keys.ts";
import { rotation } from "./rotate.ts";
import { storage } from "./storage.ts";

/** What Session offers: the validators, key lookups and rotation. */
function api(self: SessionSelf) {
  const keys = keyFns(self);
  const { rotate, genesis } = rotation(self);
  return {
    ...keys,
    rotate,
    genesis,
    validators: (): Uint8Array[] => self.storage.Validators.get(),
    /**
     * Disables the validator at `index` of the current set until the session ends (FRAME's
     * `disable_index`), telling every handler; false when it already was or there is none.
     */
    disable(index: number): boolean {
      const disabled = self.storage.DisabledValidators.get();
      if (disabled.includes(index) || index >= self.storage.Validators.get().length) return false;
      self.storage.DisabledValidators.set([...disabled, index].sort((a, b) => a - b));
      for (const handler of self.config.handlers()) handler.onDisabled?.(index);
      return true;
    },
    currentIndex: (): number => self.storage.CurrentIndex.get(),
    /** The validator at `index` of the current set (FRAME's `FindAccountFromAuthorIndex`). */
    validatorAt: (index: number): Uint8Array | undefined => self.storage.Validators.get()[index],
  };
}

export const Session = definePallet({
  name: "Session",
  storage,
  events,
  errors,
  docs: ["The Session pallet allows validators to manage their session keys and handles session rotation."],
  build: (self: SessionSelf) => {
    const offered = api(self);
    return {
      calls: calls(self, offered),
      hooks: hooks(self, offered.rotate),
      genesis: { build: (config: SessionGenesis) => buildGenesis(self, offered, offered.genesis, config) },
      api: offered,
    };
  },
});

export type SessionApi = ReturnType<typeof api>;
export type SessionInstance = PalletInstance<SessionSelf, SessionApi>;
export type { SessionConfig, SessionSelf } from "./config.ts";
export type { SessionGenesis } from "./genesis.ts";
export * from "./types.ts";
