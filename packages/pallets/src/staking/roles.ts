/**
 * Who takes part: validators and nominators (counted maps, as pallet-staking's `CountedStorageMap`),
 * chilling a stash out of both roles, and removing a stash with everything staking holds for it.
 */
import type { StakingSelf } from "./config.ts";
import type { LedgerFns } from "./ledger.ts";
import type { Nominations, ValidatorPrefs } from "./types.ts";

export function roleFns(self: StakingSelf, ledgers: LedgerFns) {
  const { storage } = self;

  function addValidator(stash: Uint8Array, prefs: ValidatorPrefs): void {
    if (!storage.Validators.contains(stash)) storage.CounterForValidators.mutate((n) => n + 1);
    storage.Validators.set(stash, prefs);
  }

  function removeValidator(stash: Uint8Array): boolean {
    if (!storage.Validators.contains(stash)) return false;
    storage.Validators.remove(stash);
    storage.CounterForValidators.mutate((n) => n - 1);
    return true;
  }

  function addNominator(stash: Uint8Array, nominations: Nominations): void {
    if (!storage.Nominators.contains(stash)) storage.CounterForNominators.mutate((n) => n + 1);
    storage.Nominators.set(stash, nominations);
  }

  function removeNominator(stash: Uint8Array): boolean {
    if (!storage.Nominators.contains(stash)) return false;
    storage.Nominators.remove(stash);
    storage.CounterForNominators.mutate((n) => n - 1);
    return true;
  }

  /** Takes the stash out of both roles; `Chilled` when it had one (`chill_stash`). */
  function chill(stash: Uint8Array): void {
    const wasValidator = removeValidator(stash);
    const wasNominator = removeNominator(stash);
    if (wasValidator || wasNominator) self.emit("Chilled", { stash });
  }

  /**
   * Removes every trace of the stash (`kill_stash`): its slashing spans (the caller must name at
   * least as many as it has: `IncorrectSlashingSpans`), its ledger and lock, and its roles.
   */
  function killStash(stash: Uint8Array, numSlashingSpans: number): void {
    const spans = storage.SlashingSpans.get(stash);
    if (spans) {
      if (numSlashingSpans < spans.prior.length + 1) throw self.fail("IncorrectSlashingSpans");
      storage.SlashingSpans.remove(stash);
      for (let i = 0; i <= spans.prior.length; i++) storage.SpanSlash.remove([stash, spans.span_index - i]);
    }
    ledgers.kill(stash);
    removeValidator(stash);
    removeNominator(stash);
  }

  return { addValidator, removeValidator, addNominator, removeNominator, chill, killStash };
}

export type RoleFns = ReturnType<typeof roleFns>;
