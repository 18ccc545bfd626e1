/**
 * Kusama's claims pallet (`polkadot_runtime_common::claims`, index 19): holders of the 2017 DOT
 * indicator claim KSM with a signature from their Ethereum key over the Kusama account they name,
 * optionally attesting to a statement and with their claim vesting.
 */
import { constant, definePallet, type PalletInstance } from "@canary/frame";
import { Bytes } from "@canary/primitives";
import { calls } from "./calls.ts";
import { claimFns } from "./claiming.ts";
import type { ClaimsSelf } from "./config.ts";
import { errors } from "./errors.ts";
import { events } from "./events.ts";
import { buildGenesis, type ClaimsGenesis } from "./genesis.ts";
import { hooks } from "./hooks.ts";
import { storage } from "./storage.ts";
import { validation } from "./validate.ts";

/** What Claims offers the runtime: unsigned validation, the attest extension, the claim total. */
function api(self: ClaimsSelf) {
  const fns = claimFns(self);
  return { ...fns, ...validation(self, fns), total: () => self.storage.Total.get() };
}

export const Claims = definePallet({
  name: "Claims",
  storage,
  events,
  errors,
  docs: ["Pallet to process claims from Ethereum addresses."],
  build: (self: ClaimsSelf) => {
    const offered = api(self);
    return {
      calls: calls(self, offered),
      hooks,
      genesis: { build: (config: ClaimsGenesis) => buildGenesis(self, config) },
      api: offered,
      constants: { Prefix: constant(Bytes, () => self.config.prefix) },
    };
  },
});

export type ClaimsApi = ReturnType<typeof api>;
export type ClaimsInstance = PalletInstance<ClaimsSelf, ClaimsApi>;
export { type ClaimsConfig, type ClaimsSelf, claimsDefaults, KUSAMA_CLAIMS_PREFIX } from "./config.ts";
export type { ClaimsGenesis } from "./genesis.ts";
export { ethereumSignableMessage, toAsciiHex } from "./message.ts";
export { STATEMENT_TEXT, type StatementKind, statementBytes, ValidityError } from "./types.ts";
