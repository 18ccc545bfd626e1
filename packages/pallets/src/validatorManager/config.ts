/** What the runtime supplies to ValidatorManager: the session's current validators, which it edits. */
import type { PalletSelf, StorageOf } from "@canary/frame";
import type { errors } from "./errors.ts";
import type { events } from "./events.ts";
import type { storage } from "./storage.ts";

export interface ValidatorManagerConfig {
  /** The validators of the current session (Session's `Validators`), the base of the next set. */
  validators: () => Uint8Array[];
}

export type ValidatorManagerSelf = PalletSelf<
  ValidatorManagerConfig,
  StorageOf<typeof storage>,
  typeof events,
  typeof errors
>;
