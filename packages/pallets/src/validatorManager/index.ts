/**
 * ValidatorManager for Canary: Root adds and removes validators (polkadot-sdk's
 * `validator_manager`), so a proof-of-authority chain changes its set before staking elects it.
 * It is Session's manager: the changes take effect two sessions later, and BABE and GRANDPA follow.
 */
import { definePallet, type PalletInstance } from "@canary/frame";
import { calls } from "./calls.ts";
import type { ValidatorManagerSelf } from "./config.ts";
import { errors } from "./errors.ts";
import { events } from "./events.ts";
import { hooks } from "./hooks.ts";
import { sessionManager } from "./sessionManager.ts";
import { storage } from "./storage.ts";

const api = (self: ValidatorManagerSelf) => ({ sessionManager: sessionManager(self) });

export const ValidatorManager = definePallet({
  name: "ValidatorManager",
  storage,
  events,
  errors,
  docs: ["A pallet for managing validators on a proof-of-authority chain."],
  build: (self: ValidatorManagerSelf) => ({ calls: calls(self), hooks, api: api(self) }),
});

export type ValidatorManagerInstance = PalletInstance<ValidatorManagerSelf, ReturnType<typeof api>>;
export type { ValidatorManagerConfig, ValidatorManagerSelf } from "./config.ts";
export type { ValidatorManagerGenesis } from "./genesis.ts";
