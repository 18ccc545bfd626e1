/**
 * GRANDPA as a session handler (FRAME's `OneSessionHandler` for Grandpa): the validators' grandpa
 * keys, each of weight 1, are the first set; a session with changed validators schedules the next.
 */
import type { SessionHandler, ValidatorKeys } from "../session/types.ts";
import type { ChangeFns } from "./changes.ts";
import type { AuthorityList } from "./types.ts";

const weighted = (validators: ValidatorKeys): AuthorityList => validators.map(([, key]) => [key, 1n]);

export function sessionHandler(changes: ChangeFns): SessionHandler {
  return {
    keyName: "grandpa",
    onGenesisSession: (validators) => changes.initialize(weighted(validators)),
    // The set that takes over is the session's current one (FRAME passes `validators`).
    onNewSession: (changed, validators) => changes.onNewSession(changed, weighted(validators)),
    onDisabled: changes.noteDisabled,
  };
}
