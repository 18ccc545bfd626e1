/** Sudo's genesis: the initial key, if any. */
import type { AccountId32 } from "@canary/primitives";
import type { SudoSelf } from "./config.ts";

export interface SudoGenesis {
  key?: AccountId32;
}

export function buildGenesis({ storage }: SudoSelf, config: SudoGenesis): void {
  if (config.key !== undefined) storage.Key.set(config.key);
}
