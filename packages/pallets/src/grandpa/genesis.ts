/** GRANDPA's genesis: the first authority set, when the chain has no session to provide it. */
import type { ChangeFns } from "./changes.ts";
import type { AuthorityList } from "./types.ts";

export interface GrandpaGenesis {
  authorities?: AuthorityList;
}

export function buildGenesis({ initialize }: ChangeFns, config: GrandpaGenesis): void {
  initialize(config.authorities ?? []);
}
