/**
 * Who takes part: validators and nominators (counted maps, as pallet-staking's `CountedStorageMap`),
 * chilling a stash out of both roles, and removing a stash with everything staking holds for it.
 */
import type { StakingSelf } from "./config.ts";
import type { LedgerFns } from "./ledger.ts";
import type { Nominations, ValidatorPrefs } from "./types.ts";

/** A `CountedStorageMap`: a map and the counter of its entries, kept in step. */
function counted<V>(map: StakingMap<V>, counter: StakingCounter) {
  return {
    add(stash: Uint8Array, value: V): void {
      if (!map.contains(stash)) counter.mutate((n) => n + 1);
      map.set(stash, value);
    },
    remove(stash: Uint8Array): boolean {
      if (!map.contains(stash)) return false;
      map.remove(stash);
      counter.mutate((n) => n - 1);
      return true;
    },
  };
}

interface StakingMap<V> {
  contains(key: Uint8Array): boolean;
  set(key: Uint8Array, value: V): void;
  remove(key: Uint8Array): void;
}
interface StakingCounter {
  mutate(fn: (n: number) => number): void;
}

export function roleFns(self: StakingSelf, ledgers: LedgerFns) {
  const { storage } = self;
  const validators = counted<ValidatorPrefs>(storage.Validators, storage.CounterForValidators);
  const nominators = counted<Nominations>(storage.Nominators, storage.CounterForNominators);
  const addValidator = validators.add;
  const removeValidator = validators.remove;
  const addNominator = nominators.add;
  const removeNominator = nominators.remove;

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
