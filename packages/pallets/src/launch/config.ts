/** What the runtime supplies to Launch: which calls a restricted chain still lets everyone make. */
import type { PalletSelf, RuntimeCall, StorageOf } from "@canary/frame";
import type { errors } from "./errors.ts";
import type { events } from "./events.ts";
import type { storage } from "./storage.ts";

export interface LaunchConfig {
  /** Whether a call passes while restricted (Kusama's launch: staking, session, claims, vesting, sudo). */
  allowed: (call: RuntimeCall) => boolean;
}

export type LaunchSelf = PalletSelf<LaunchConfig, StorageOf<typeof storage>, typeof events, typeof errors>;
