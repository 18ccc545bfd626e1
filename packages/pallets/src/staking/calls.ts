/** Staking's calls by stakers, with pallet-staking's indices and argument names. */
import { call, ensureSigned, lookupAccount as lookup } from "@canary/frame";
import { AccountId32, bytesEqual, compactU128, MultiAddress, u32, Vec } from "@canary/primitives";
import { min, mulPer } from "./arithmetic.ts";
import { eraTiming, type StakingSelf } from "./config.ts";
import { consolidateUnlocked, type LedgerFns, rebond } from "./ledger.ts";
import type { RoleFns } from "./roles.ts";
import { RewardDestination, type StakingLedger, ValidatorPrefs } from "./types.ts";
import { weights } from "./weights.ts";

export function stakerCalls(self: StakingSelf, ledgers: LedgerFns, roles: RoleFns) {
  const { storage, config } = self;
  const currency = config.currency.api;
  const ed = () => currency.existentialDeposit();

  /** The ledger of the signing controller (`NotController` otherwise). */
  const controlled = (controller: Uint8Array): StakingLedger => {
    const ledger = storage.Ledger.get(controller);
    if (!ledger) throw self.fail("NotController");
    return ledger;
  };

  /** The ledger of the signing stash (`NotStash` unbonded, `NotController` without ledger). */
  const stashed = (stash: Uint8Array): StakingLedger => {
    const controller = storage.Bonded.get(stash);
    if (!controller) throw self.fail("NotStash");
    return controlled(controller);
  };

  /** `do_withdraw_unbonded`: frees due chunks; a stash left with nothing is removed. */
  function withdrawUnbonded(controller: Uint8Array, numSlashingSpans: number): void {
    let ledger = controlled(controller);
    const before = ledger.total;
    const era = storage.CurrentEra.get();
    if (era !== undefined) ledger = consolidateUnlocked(ledger, era);
    if (ledger.unlocking.length === 0 && ledger.active < ed())
      roles.killStash(ledger.stash, numSlashingSpans);
    else ledgers.update(ledger);
    if (ledger.total < before) self.emit("Withdrawn", { stash: ledger.stash, amount: before - ledger.total });
  }

  return {
    bond: call({
      index: 0,
      args: { value: compactU128, payee: RewardDestination },
      weight: weights.bond(),
      docs: ["Take the origin account as a stash and lock up `value` of its balance."],
      dispatch: (origin, { value, payee }) => {
        const stash = ensureSigned(origin);
        if (storage.Bonded.contains(stash)) throw self.fail("AlreadyBonded");
        if (storage.Ledger.contains(stash)) throw self.fail("AlreadyPaired");
        if (value < ed()) throw self.fail("InsufficientBond");
        config.system.api.incConsumers(stash);
        const free = currency.freeBalance(stash);
        const amount = min(value, free);
        self.emit("Bonded", { stash, amount });
        storage.Bonded.set(stash, stash);
        storage.Payee.set(stash, payee);
        ledgers.update({ stash, total: amount, active: amount, unlocking: [], legacy_claimed_rewards: [] });
      },
    }),
    bond_extra: call({
      index: 1,
      args: { max_additional: compactU128 },
      weight: weights.bondExtra(),
      docs: [
        "Add some extra amount that have appeared in the stash `free_balance` into the balance up for staking.",
      ],
      dispatch: (origin, { max_additional }) => {
        const stash = ensureSigned(origin);
        const ledger = stashed(stash);
        const free = currency.freeBalance(stash);
        if (free < ledger.total) return;
        const extra = min(free - ledger.total, max_additional);
        const next = { ...ledger, total: ledger.total + extra, active: ledger.active + extra };
        if (next.active < ed()) throw self.fail("InsufficientBond");
        ledgers.update(next);
        self.emit("Bonded", { stash, amount: extra });
      },
    }),
    unbond: call({
      index: 2,
      args: { value: compactU128 },
      weight: weights.unbond(),
      docs: [
        "Schedule a portion of the stash to be unlocked ready for transfer out after the bond period ends.",
      ],
      dispatch: (origin, { value }) => {
        const controller = ensureSigned(origin);
        if (controlled(controller).unlocking.length >= config.maxUnlockingChunks) {
          const spans = storage.SlashingSpans.get(controller);
          withdrawUnbonded(controller, spans ? spans.prior.length + 1 : 0);
        }
        const ledger = controlled(controller);
        if (ledger.unlocking.length >= config.maxUnlockingChunks) throw self.fail("NoMoreChunks");
        let amount = min(value, ledger.active);
        if (amount === 0n) return;
        let active = ledger.active - amount;
        // No dust left in the staking system.
        if (active < ed()) {
          amount += active;
          active = 0n;
        }
        const minimum = storage.Nominators.contains(ledger.stash)
          ? storage.MinNominatorBond.get()
          : storage.Validators.contains(ledger.stash)
            ? storage.MinValidatorBond.get()
            : 0n;
        if (active < minimum) throw self.fail("InsufficientBond");
        const era = (storage.CurrentEra.get() ?? 0) + eraTiming(self).bondingDuration;
        const unlocking = ledger.unlocking.map((c) => ({ ...c }));
        const last = unlocking[unlocking.length - 1];
        if (last && last.era === era) last.value += amount;
        else unlocking.push({ value: amount, era });
        ledgers.update({ ...ledger, active, unlocking });
        self.emit("Unbonded", { stash: ledger.stash, amount });
      },
    }),
    withdraw_unbonded: call({
      index: 3,
      args: { num_slashing_spans: u32 },
      weight: (a) => weights.withdrawUnbonded(a.num_slashing_spans),
      docs: ["Remove any unlocked chunks from the `unlocking` queue from our management."],
      dispatch: (origin, { num_slashing_spans }) =>
        withdrawUnbonded(ensureSigned(origin), num_slashing_spans),
    }),
    validate: call({
      index: 4,
      args: { prefs: ValidatorPrefs },
      weight: weights.validate(),
      docs: ["Declare the desire to validate for the origin controller."],
      dispatch: (origin, { prefs }) => {
        const ledger = controlled(ensureSigned(origin));
        if (ledger.active < storage.MinValidatorBond.get()) throw self.fail("InsufficientBond");
        if (prefs.commission < storage.MinCommission.get()) throw self.fail("CommissionTooLow");
        const stash = ledger.stash;
        if (!storage.Validators.contains(stash)) {
          const max = storage.MaxValidatorsCount.get();
          if (max !== undefined && storage.CounterForValidators.get() >= max)
            throw self.fail("TooManyValidators");
        }
        roles.removeNominator(stash);
        roles.addValidator(stash, prefs);
        self.emit("ValidatorPrefsSet", { stash, prefs });
      },
    }),
    nominate: call({
      index: 5,
      args: { targets: Vec(MultiAddress) },
      weight: (a) => weights.nominate(a.targets.length),
      docs: ["Declare the desire to nominate `targets` for the origin controller."],
      dispatch: (origin, { targets }) => {
        const ledger = controlled(ensureSigned(origin));
        if (ledger.active < storage.MinNominatorBond.get()) throw self.fail("InsufficientBond");
        const stash = ledger.stash;
        if (!storage.Nominators.contains(stash)) {
          const max = storage.MaxNominatorsCount.get();
          if (max !== undefined && storage.CounterForNominators.get() >= max)
            throw self.fail("TooManyNominators");
        }
        if (targets.length === 0) throw self.fail("EmptyTargets");
        if (targets.length > config.maxNominations) throw self.fail("TooManyTargets");
        const old = storage.Nominators.get(stash)?.targets ?? [];
        const accounts = targets.map((t) => {
          const who = lookup(t);
          // A blocked validator takes no new nominators; existing ones may stay.
          if (!old.some((o) => bytesEqual(o, who)) && storage.Validators.get(who).blocked)
            throw self.fail("BadTarget");
          return who;
        });
        roles.removeValidator(stash);
        roles.addNominator(stash, {
          targets: accounts,
          submitted_in: storage.CurrentEra.get() ?? 0,
          suppressed: false,
        });
      },
    }),
    chill: call({
      index: 6,
      args: {},
      weight: weights.chill(),
      docs: ["Declare no desire to either validate or nominate."],
      dispatch: (origin) => roles.chill(controlled(ensureSigned(origin)).stash),
    }),
    set_payee: call({
      index: 7,
      args: { payee: RewardDestination },
      weight: weights.setPayee(),
      docs: ["(Re-)set the payment target for a controller."],
      dispatch: (origin, { payee }) => {
        const ledger = controlled(ensureSigned(origin));
        if (payee.tag === "Controller") throw self.fail("ControllerDeprecated");
        storage.Payee.set(ledger.stash, payee);
      },
    }),
    set_controller: call({
      index: 8,
      args: {},
      weight: weights.setController(),
      docs: ["(Re-)sets the controller of a stash to the stash itself."],
      dispatch: (origin) => {
        const stash = ensureSigned(origin);
        stashed(stash);
        // Every controller is its stash now: there is nothing to set.
        if (bytesEqual(storage.Bonded.get(stash)!, stash)) throw self.fail("AlreadyPaired");
      },
    }),
    rebond: call({
      index: 19,
      args: { value: compactU128 },
      weight: weights.rebond(config.maxUnlockingChunks),
      docs: ["Rebond a portion of the stash scheduled to be unlocked."],
      dispatch: (origin, { value }) => {
        const ledger = controlled(ensureSigned(origin));
        if (ledger.unlocking.length === 0) throw self.fail("NoUnlockChunk");
        const [next, amount] = rebond(ledger, value);
        if (next.active < ed()) throw self.fail("InsufficientBond");
        self.emit("Bonded", { stash: ledger.stash, amount });
        ledgers.update(next);
      },
    }),
    reap_stash: call({
      index: 20,
      args: { stash: AccountId32, num_slashing_spans: u32 },
      weight: (a) => weights.reapStash(a.num_slashing_spans),
      pays: "No",
      docs: [
        "Remove all data structures concerning a staker/stash once it is at a state where it can be considered `dust` in the staking system.",
      ],
      dispatch: (origin, { stash, num_slashing_spans }) => {
        ensureSigned(origin);
        const balance = currency.totalBalance(stash);
        const total = ledgers.ledgerOfStash(stash)?.total ?? 0n;
        if (!(balance < ed() || total < ed())) throw self.fail("FundedTarget");
        if (!storage.Bonded.contains(stash)) throw self.fail("NotStash");
        roles.killStash(stash, num_slashing_spans);
      },
    }),
    kick: call({
      index: 21,
      args: { who: Vec(MultiAddress) },
      weight: (a) => weights.kick(a.who.length),
      docs: ["Remove the given nominations from the calling validator."],
      dispatch: (origin, { who }) => {
        const stash = controlled(ensureSigned(origin)).stash;
        for (const nominator of who.map(lookup)) {
          const nominations = storage.Nominators.get(nominator);
          if (!nominations) continue;
          const at = nominations.targets.findIndex((t) => bytesEqual(t, stash));
          if (at < 0) continue;
          // `swap_remove`, as FRAME.
          const targets = [...nominations.targets];
          targets[at] = targets[targets.length - 1]!;
          targets.pop();
          storage.Nominators.set(nominator, { ...nominations, targets });
          self.emit("Kicked", { nominator, stash });
        }
      },
    }),
    chill_other: call({
      index: 23,
      args: { stash: AccountId32 },
      weight: weights.chillOther(),
      docs: ["Declare a `controller` to stop participating as either a validator or nominator."],
      dispatch: (origin, { stash }) => {
        const caller = ensureSigned(origin);
        const ledger = stashed(stash);
        if (!bytesEqual(caller, storage.Bonded.get(stash)!)) {
          const threshold = storage.ChillThreshold.get();
          if (threshold === undefined) throw self.fail("CannotChillOther");
          // `threshold * max < count`, Percent times u32 rounding to the nearest.
          const crowded = (max: number | undefined, count: number): boolean =>
            max !== undefined && mulPer(BigInt(threshold), BigInt(max), 100n) < BigInt(count);
          let minimum = 0n;
          if (storage.Nominators.contains(stash)) {
            if (!crowded(storage.MaxNominatorsCount.get(), storage.CounterForNominators.get())) {
              throw self.fail("CannotChillOther");
            }
            minimum = storage.MinNominatorBond.get();
          } else if (storage.Validators.contains(stash)) {
            if (!crowded(storage.MaxValidatorsCount.get(), storage.CounterForValidators.get())) {
              throw self.fail("CannotChillOther");
            }
            minimum = storage.MinValidatorBond.get();
          }
          if (ledger.active >= minimum) throw self.fail("CannotChillOther");
        }
        roles.chill(stash);
      },
    }),
    force_apply_min_commission: call({
      index: 24,
      args: { validator_stash: AccountId32 },
      weight: weights.forceApplyMinCommission(),
      docs: ["Force a validator to have at least the minimum commission."],
      dispatch: (origin, { validator_stash }) => {
        ensureSigned(origin);
        if (!storage.Validators.contains(validator_stash)) throw self.fail("NotStash");
        const prefs = storage.Validators.get(validator_stash);
        const minimum = storage.MinCommission.get();
        if (prefs.commission < minimum)
          storage.Validators.set(validator_stash, { ...prefs, commission: minimum });
      },
    }),
  };
}
