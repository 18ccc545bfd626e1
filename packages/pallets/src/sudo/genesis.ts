/** Sudo's genesis: the initial key, if any. */
import type { AccountId32 } from "@canary/primitives";
import { storage } from "./storage.ts";

export interface SudoGenesis {
  key?: AccountId32;
}

export function buildGenesis(config: SudoGenesis): void {
  if (config.key !== undefined) storage.Key.set(config.key);
}
