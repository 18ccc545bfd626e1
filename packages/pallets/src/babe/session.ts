/**
 * BABE as a session handler (FRAME's `OneSessionHandler` for Babe): the validators' babe keys
 * become the authorities, each of weight 1, and a new session enacts the next epoch.
 */
import type { SessionHandler, ValidatorKeys } from "../session/types.ts";
import type { EpochFns } from "./epoch.ts";
import type { Authority } from "./types.ts";

const weighted = (validators: ValidatorKeys): Authority[] => validators.map(([, key]) => [key, 1n]);

export function sessionHandler(epoch: EpochFns): SessionHandler {
  return {
    keyName: "babe",
    onGenesisSession: (validators) => epoch.initializeGenesisAuthorities(weighted(validators)),
    onNewSession: (_changed, validators, queued, session) =>
      epoch.enactEpochChange(weighted(validators), weighted(queued), session),
    onDisabled: epoch.noteDisabled,
  };
}
