/**
 * pallet_grandpa for Canary: the GRANDPA authority set on chain (at `:grandpa_authorities`), its set
 * id, and set changes signalled to nodes by `FRNK` consensus logs: scheduled when a session changes
 * the validators, forced after Root notes a stall, paused and resumed. Voting and finality are the
 * node's (reference/kusama-runtime.md §4.2).
 */
import { definePallet, type PalletInstance } from "@canary/frame";
import { calls } from "./calls.ts";
import { changeFns } from "./changes.ts";
import type { GrandpaSelf } from "./config.ts";
import { equivocationFns } from "./equivocation.ts";
import { errors } from "./errors.ts";
import { events } from "./events.ts";
import { buildGenesis, type GrandpaGenesis } from "./genesis.ts";
import { hooks } from "./hooks.ts";
import { sessionHandler } from "./session.ts";
import { storage } from "./storage.ts";

function api(self: GrandpaSelf) {
  const changes = changeFns(self);
  return { ...changes, sessionHandler: sessionHandler(changes), equivocation: equivocationFns(self) };
}

export const Grandpa = definePallet({
  name: "Grandpa",
  storage,
  events,
  errors,
  docs: ["GRANDPA consensus: the authority set, its id and scheduled changes."],
  build: (self: GrandpaSelf) => {
    const offered = api(self);
    return {
      calls: calls(offered, offered.equivocation),
      hooks: hooks(offered),
      genesis: { build: (config: GrandpaGenesis) => buildGenesis(offered, config) },
      api: offered,
    };
  },
});

export type GrandpaApi = ReturnType<typeof api>;
export type GrandpaInstance = PalletInstance<GrandpaSelf, GrandpaApi>;
export type { GrandpaConfig, GrandpaSelf } from "./config.ts";
export { checkEquivocationProof as checkGrandpaEquivocationProof, GRANDPA_KEY_TYPE } from "./equivocation.ts";
export type { GrandpaGenesis } from "./genesis.ts";
export {
  AuthorityList as GrandpaAuthorityList,
  ConsensusLog as GrandpaConsensusLog,
  VersionedAuthorityList,
} from "./types.ts";
