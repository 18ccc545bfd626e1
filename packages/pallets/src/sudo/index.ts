/**
 * pallet_sudo for Canary: one key that may dispatch any call as Root (or as any account), as
 * Kusama had at launch. Canary's relay runtime places it at index 255 (Kusama's was removed).
 */
import { definePallet } from "@canary/frame";
import { calls } from "./calls.ts";
import { errors } from "./errors.ts";
import { events } from "./events.ts";
import { buildGenesis, type SudoGenesis } from "./genesis.ts";
import { hooks } from "./hooks.ts";
import { storage } from "./storage.ts";

export const Sudo = definePallet({
  name: "Sudo",
  storage,
  calls,
  events,
  errors,
  hooks,
  genesis: { build: (config: SudoGenesis) => buildGenesis(config) },
  docs: ["Allows a single account (the sudo key) to execute dispatchable functions that require Root."],
});

/** The current sudo key, if any. */
export function sudoKey(): Uint8Array | undefined {
  return storage.Key.get();
}

export { configureSudo, type SudoConfig } from "./config.ts";
export type { SudoGenesis } from "./genesis.ts";
export { storage as sudoStorage } from "./storage.ts";
