/** Launch's genesis: a chain starts restricted or not. */
import type { LaunchSelf } from "./config.ts";

export interface LaunchGenesis {
  restricted?: boolean;
}

export function buildGenesis({ storage }: LaunchSelf, genesis: LaunchGenesis): void {
  storage.Restricted.set(genesis.restricted ?? false);
}
