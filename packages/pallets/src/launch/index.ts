/**
 * Launch for Canary: Kusama's launch restriction as a base-call filter. While `Restricted`, every
 * origin but Root may dispatch only the calls the runtime allows (Kusama 2019: staking, session,
 * claims, vesting, sudo — no transfers); the rest fail with System's `CallFiltered`. Root lifts it
 * with `lift_restriction`, as Kusama's sudo enabled transfers.
 */
import { definePallet, type Origin, type PalletInstance, type RuntimeCall } from "@canary/frame";
import { calls } from "./calls.ts";
import type { LaunchSelf } from "./config.ts";
import { errors } from "./errors.ts";
import { events } from "./events.ts";
import { buildGenesis, type LaunchGenesis } from "./genesis.ts";
import { hooks } from "./hooks.ts";
import { storage } from "./storage.ts";

const api = (self: LaunchSelf) => ({
  /** FRAME's `BaseCallFilter` for `origin`: Root is never filtered. */
  filter: (origin: Origin, call: RuntimeCall): boolean =>
    origin.kind === "Root" || !self.storage.Restricted.get() || self.config.allowed(call),
  restricted: (): boolean => self.storage.Restricted.get(),
});

export const Launch = definePallet({
  name: "Launch",
  storage,
  events,
  errors,
  docs: [
    "Kusama's launch restriction: only staking, session, claims, vesting and sudo calls until Root lifts it.",
  ],
  build: (self: LaunchSelf) => ({
    calls: calls(self),
    hooks,
    genesis: { build: (g: LaunchGenesis) => buildGenesis(self, g) },
    api: api(self),
  }),
});

export type LaunchInstance = PalletInstance<LaunchSelf, ReturnType<typeof api>>;
export type { LaunchConfig, LaunchSelf } from "./config.ts";
export type { LaunchGenesis } from "./genesis.ts";
