/**
 * pallet_sudo for Canary: one key that may dispatch any call as Root (or as any account), as
 * Kusama had at launch. Canary's relay runtime places it at index 255 (Kusama's was removed).
 */
import { definePallet, type PalletInstance } from "@canary/frame";
import { calls } from "./calls.ts";
import type { SudoSelf } from "./config.ts";
import { errors } from "./errors.ts";
import { events } from "./events.ts";
import { buildGenesis, type SudoGenesis } from "./genesis.ts";
import { hooks } from "./hooks.ts";
import { storage } from "./storage.ts";

/** What Sudo offers the runtime: the current key. */
const api = ({ storage }: SudoSelf) => ({ key: (): Uint8Array | undefined => storage.Key.get() });

export const Sudo = definePallet({
  name: "Sudo",
  storage,
  events,
  errors,
  docs: ["Allows a single account (the sudo key) to execute dispatchable functions that require Root."],
  build: (self: SudoSelf) => ({
    calls: calls(self),
    hooks,
    genesis: { build: (config: SudoGenesis) => buildGenesis(self, config) },
    api: api(self),
  }),
});

export type SudoInstance = PalletInstance<SudoSelf, ReturnType<typeof api>>;
export type { SudoConfig, SudoSelf } from "./config.ts";
export type { SudoGenesis } from "./genesis.ts";
