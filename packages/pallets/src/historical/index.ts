/**
 * Historical for Canary (`pallet_session::historical`, Kusama index 34): the root of each
 * session's validator set, so that a key's ownership in a past session can be proven — what
 * BABE's and GRANDPA's equivocation reports carry. It wraps Session's manager (`noteHistoricalRoot`).
 */
import { definePallet, type PalletInstance } from "@canary/frame";
import type { SessionManager } from "../session/index.ts";
import { calls } from "./calls.ts";
import type { HistoricalSelf } from "./config.ts";
import { errors } from "./errors.ts";
import { events } from "./events.ts";
import { hooks } from "./hooks.ts";
import { noteHistoricalRoot } from "./note.ts";
import { proofFns } from "./proofs.ts";
import { storage } from "./storage.ts";

function api(self: HistoricalSelf) {
  const { prove, checkProof } = proofFns(self);
  return {
    prove,
    checkProof,
    noteHistoricalRoot: (inner: SessionManager) => noteHistoricalRoot(self, inner),
  };
}

export const Historical = definePallet({
  name: "Historical",
  storage,
  events,
  errors,
  docs: ["Keeps the root of each session's validator set, for proofs of key ownership in past sessions."],
  build: (self: HistoricalSelf) => ({ calls: calls(), hooks, api: api(self) }),
});

export type HistoricalInstance = PalletInstance<HistoricalSelf, ReturnType<typeof api>>;
export type { HistoricalConfig, HistoricalSelf } from "./config.ts";
export type { HistoricalGenesis } from "./genesis.ts";
export type { SessionKeyRef } from "./types.ts";
