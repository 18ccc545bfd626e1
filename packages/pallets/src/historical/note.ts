/**
 * FRAME's `NoteHistoricalRoot`: a session manager wrapped so that each new session's validator set
 * is noted as the root of its proving trie (with the validator count) before Session queues it.
 * A session whose set did not change keeps the previous root. When the manager named no genesis
 * set, the session in progress is noted from Session's validators the first time one is asked
 * for (session 0 itself is provable only while it lasts, by Session's own key owners).
 */
import type { AccountId32 } from "@canary/primitives";
import type { SessionManager } from "../session/index.ts";
import type { HistoricalSelf } from "./config.ts";
import { proofFns } from "./proofs.ts";

export function noteHistoricalRoot(self: HistoricalSelf, inner: SessionManager): SessionManager {
  const { storage, config } = self;
  const { trieOf } = proofFns(self);

  const store = (index: number, set: AccountId32[]) => {
    storage.HistoricalSessions.set(index, [trieOf(set).root, set.length]);
    self.emit("RootStored", { index });
  };

  function note(index: number, validators: AccountId32[] | undefined): void {
    storage.StoredRange.mutate((range) => [range?.[0] ?? index, index + 1]);
    // Asked for session `index`, Session is in `index - 1` with its validators set: note that
    // session too if nothing did (a manager that kept the genesis set).
    if (index > 0 && !storage.HistoricalSessions.contains(index - 1))
      store(index - 1, config.session().api.validators());
    if (validators) store(index, validators);
    else {
      const previous = storage.HistoricalSessions.get(index - 1);
      if (previous) storage.HistoricalSessions.set(index, previous);
    }
  }

  return {
    newSession(index) {
      const validators = inner.newSession(index);
      note(index, validators);
      return validators;
    },
    newSessionGenesis(index) {
      const validators = inner.newSessionGenesis?.(index);
      if (validators) note(index, validators);
      return validators;
    },
    ...(inner.startSession ? { startSession: inner.startSession } : {}),
    ...(inner.endSession ? { endSession: inner.endSession } : {}),
  };
}
