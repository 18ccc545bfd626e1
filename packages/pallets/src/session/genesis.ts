/**
 * Session's genesis: each validator's keys (`[account, keys]`); accounts that do not exist yet get
 * a provider, as FRAME's genesis does, and the listed validators make sessions 0 and 1 unless the
 * session manager names others.
 */
import type { AccountId32 } from "@canary/primitives";
import type { SessionSelf } from "./config.ts";
import type { KeyFns } from "./keys.ts";
import type { SessionKeys } from "./types.ts";

export interface SessionGenesis {
  keys: Array<[AccountId32, SessionKeys]>;
}

export function buildGenesis(
  self: SessionSelf,
  { setKeys }: KeyFns,
  start: (initial: AccountId32[]) => void,
  config: SessionGenesis,
): void {
  const system = self.config.system.api;
  for (const [who, keys] of config.keys) {
    if (!system.accountExists(who)) system.incProviders(who);
    setKeys(who, keys);
  }
  start(config.keys.map(([who]) => who));
}
