import { Root } from "@canary/frame";
import { afterEach, describe, expect, it } from "vitest";
import { checkBalancesInvariants } from "../test/balancesInvariants.ts";
import { checkSystemInvariants } from "../test/mockRuntime.ts";
import { acct, type Harness, id, stakingHarness, UNITS } from "../test/stakingChain.ts";
import { checkStakingInvariants } from "../test/stakingInvariants.ts";
import { STAKING_ID, type StakingConfig } from "./index.ts";

const alice = acct(1);
const bob = acct(2);
const carol = acct(3);
const dave = acct(4);

let h: Harness;
afterEach(() => {
  expect(checkSystemInvariants(h.chain)).toEqual([]);
  expect(checkBalancesInvariants(h.chain)).toEqual([]);
  expect(checkStakingInvariants(h.chain)).toEqual([]);
});

function setup(config: Partial<StakingConfig> = {}) {
  h = stakingHarness(
    [
      [alice, 1_000n * UNITS],
      [bob, 1_000n * UNITS],
      [carol, 1_000n * UNITS],
      [dave, 1_000n * UNITS],
    ],
    {},
    config,
  );
}
const ledger = (who: Uint8Array) => h.run(() => h.chain.staking.api.ledger(who));
const lock = (who: Uint8Array) =>
  h.run(() => h.chain.balances.api.locks(who).find((l) => l.id.every((b, i) => b === STAKING_ID[i]))?.amount);
const root = () => h.run(() => h.chain.host.storageRoot(1));
/** Fails with `error` and leaves the state exactly as it was. */
function refused(who: Uint8Array | typeof Root, tag: string, args: unknown, error: string) {
  const before = root();
  expect(h.errorOf(h.call(who, tag, args))).toBe(error);
  expect(root()).toEqual(before);
}

describe("bonding", () => {
  it("bond locks the amount (clamped to the free balance) and records stash, payee and ledger", () => {
    setup();
    expect(h.call(alice, "bond", { value: 2_000n * UNITS, payee: { tag: "Stash" } }).ok).toBe(true);
    expect(ledger(alice)).toMatchObject({ total: 1_000n * UNITS, active: 1_000n * UNITS, unlocking: [] });
    expect(lock(alice)).toBe(1_000n * UNITS);
    expect(h.events()).toContainEqual({
      name: "Staking.Bonded",
      fields: { stash: alice, amount: 1_000n * UNITS },
    });
    refused(alice, "bond", { value: UNITS, payee: { tag: "Stash" } }, "AlreadyBonded");
    // Below the existential deposit is dust.
    refused(bob, "bond", { value: 1n, payee: { tag: "Stash" } }, "InsufficientBond");
    refused(bob, "bond_extra", { max_additional: UNITS }, "NotStash");
    refused(bob, "unbond", { value: UNITS }, "NotController");
  });

  it("unbond schedules chunks bonding-duration eras out, merges a chunk per era, and withdraw frees them when due", () => {
    setup();
    h.call(alice, "bond", { value: 100n * UNITS, payee: { tag: "Staked" } });
    h.call(alice, "unbond", { value: 10n * UNITS });
    h.call(alice, "unbond", { value: 5n * UNITS });
    expect(ledger(alice)).toMatchObject({
      active: 85n * UNITS,
      unlocking: [{ value: 15n * UNITS, era: 28 }],
    });
    expect(lock(alice)).toBe(100n * UNITS);
    h.call(alice, "withdraw_unbonded", { num_slashing_spans: 0 });
    expect(ledger(alice)?.total).toBe(100n * UNITS);
    h.run(() => h.chain.staking.storage.CurrentEra.set(28));
    h.call(alice, "withdraw_unbonded", { num_slashing_spans: 0 });
    expect(ledger(alice)).toMatchObject({ total: 85n * UNITS, active: 85n * UNITS, unlocking: [] });
    expect(lock(alice)).toBe(85n * UNITS);
    expect(h.events()).toContainEqual({
      name: "Staking.Withdrawn",
      fields: { stash: alice, amount: 15n * UNITS },
    });
  });

  it("unbonding everything and withdrawing removes the stash, its lock and its consumer", () => {
    setup();
    h.call(alice, "bond", { value: 100n * UNITS, payee: { tag: "Staked" } });
    h.call(alice, "validate", { prefs: { commission: 0, blocked: false } });
    // A validator must chill before unbonding below the minimum bond.
    h.run(() => h.chain.staking.storage.MinValidatorBond.set(50n * UNITS));
    refused(alice, "unbond", { value: 60n * UNITS }, "InsufficientBond");
    h.call(alice, "chill");
    h.call(alice, "unbond", { value: 1_000n * UNITS });
    h.run(() => h.chain.staking.storage.CurrentEra.set(28));
    h.call(alice, "withdraw_unbonded", { num_slashing_spans: 0 });
    expect(ledger(alice)).toBeUndefined();
    expect(lock(alice)).toBeUndefined();
    expect(h.run(() => h.chain.system.api.account(alice).consumers)).toBe(0);
  });

  it("32 chunks in flight: the 33rd unbond is NoMoreChunks until the first is due and withdrawn", () => {
    setup({ bondingDuration: 100 });
    h.call(alice, "bond", { value: 100n * UNITS, payee: { tag: "Staked" } });
    for (let era = 0; era < 32; era++) {
      h.run(() => h.chain.staking.storage.CurrentEra.set(era));
      expect(h.call(alice, "unbond", { value: UNITS }).ok).toBe(true);
    }
    expect(ledger(alice)?.unlocking).toHaveLength(32);
    h.run(() => h.chain.staking.storage.CurrentEra.set(32));
    refused(alice, "unbond", { value: UNITS }, "NoMoreChunks");
    h.run(() => h.chain.staking.storage.CurrentEra.set(100));
    expect(h.call(alice, "unbond", { value: UNITS }).ok).toBe(true);
    expect(ledger(alice)?.unlocking.map((c) => c.era)).toEqual([
      ...Array.from({ length: 31 }, (_, i) => 101 + i),
      200,
    ]);
  });

  it("rebond takes back the newest chunks first; without chunks it is NoUnlockChunk", () => {
    setup();
    h.call(alice, "bond", { value: 100n * UNITS, payee: { tag: "Staked" } });
    refused(alice, "rebond", { value: UNITS }, "NoUnlockChunk");
    h.call(alice, "unbond", { value: 10n * UNITS });
    h.run(() => h.chain.staking.storage.CurrentEra.set(1));
    h.call(alice, "unbond", { value: 20n * UNITS });
    h.call(alice, "rebond", { value: 25n * UNITS });
    expect(ledger(alice)).toMatchObject({ active: 95n * UNITS, unlocking: [{ value: 5n * UNITS, era: 28 }] });
  });

  it("bond_extra adds free balance up to the limit; set_payee refuses Controller", () => {
    setup();
    h.call(alice, "bond", { value: 100n * UNITS, payee: { tag: "Staked" } });
    h.call(alice, "bond_extra", { max_additional: 50n * UNITS });
    expect(ledger(alice)?.total).toBe(150n * UNITS);
    h.call(alice, "bond_extra", { max_additional: 10_000n * UNITS });
    expect(ledger(alice)?.total).toBe(1_000n * UNITS);
    refused(alice, "set_payee", { payee: { tag: "Controller" } }, "ControllerDeprecated");
    expect(h.call(alice, "set_payee", { payee: { tag: "Account", value: bob } }).ok).toBe(true);
    expect(h.run(() => h.chain.staking.storage.Payee.get(alice))).toEqual({ tag: "Account", value: bob });
    refused(alice, "set_controller", {}, "AlreadyPaired");
  });
});

describe("roles", () => {
  function bonded() {
    setup();
    for (const who of [alice, bob, carol, dave])
      h.call(who, "bond", { value: 100n * UNITS, payee: { tag: "Staked" } });
  }

  it("nominate: at most 24 targets, none empty, no new nominations of a blocked validator", () => {
    bonded();
    const targets = Array.from({ length: 25 }, (_, i) => id(acct(100 + i)));
    refused(dave, "nominate", { targets }, "TooManyTargets");
    refused(dave, "nominate", { targets: [] }, "EmptyTargets");
    h.call(alice, "validate", { prefs: { commission: 0, blocked: true } });
    refused(dave, "nominate", { targets: [id(alice)] }, "BadTarget");
    expect(h.call(dave, "nominate", { targets: targets.slice(0, 24) }).ok).toBe(true);
    expect(h.run(() => h.chain.staking.storage.Nominators.get(dave))?.targets).toHaveLength(24);
    h.run(() => h.chain.staking.storage.MinNominatorBond.set(200n * UNITS));
    refused(carol, "nominate", { targets: [id(bob)] }, "InsufficientBond");
  });

  it("validate checks commission and the validator limit; validating ends a nomination and chill ends both", () => {
    bonded();
    h.run(() => h.chain.staking.storage.MinCommission.set(50_000_000));
    refused(alice, "validate", { prefs: { commission: 10_000_000, blocked: false } }, "CommissionTooLow");
    h.call(alice, "nominate", { targets: [id(bob)] });
    expect(h.call(alice, "validate", { prefs: { commission: 50_000_000, blocked: false } }).ok).toBe(true);
    expect(h.run(() => h.chain.staking.storage.Nominators.contains(alice))).toBe(false);
    h.call(Root, "set_staking_configs", {
      min_nominator_bond: { tag: "Noop" },
      min_validator_bond: { tag: "Noop" },
      max_nominator_count: { tag: "Noop" },
      max_validator_count: { tag: "Set", value: 1 },
      chill_threshold: { tag: "Set", value: 50 },
      min_commission: { tag: "Noop" },
      max_staked_rewards: { tag: "Noop" },
    });
    refused(bob, "validate", { prefs: { commission: 50_000_000, blocked: false } }, "TooManyValidators");
    h.call(alice, "chill");
    expect(h.run(() => h.chain.staking.storage.CounterForValidators.get())).toBe(0);
    expect(h.events()).toContainEqual({ name: "Staking.Chilled", fields: { stash: alice } });
  });

  it("chill_other only past the threshold and only below the minimum bond; kick removes a nomination", () => {
    bonded();
    h.call(alice, "validate", { prefs: { commission: 0, blocked: false } });
    h.call(dave, "nominate", { targets: [id(alice), id(bob)] });
    refused(bob, "chill_other", { stash: dave }, "CannotChillOther");
    h.call(Root, "set_staking_configs", {
      min_nominator_bond: { tag: "Set", value: 500n * UNITS },
      min_validator_bond: { tag: "Noop" },
      max_nominator_count: { tag: "Set", value: 1 },
      max_validator_count: { tag: "Noop" },
      chill_threshold: { tag: "Set", value: 0 },
      min_commission: { tag: "Noop" },
      max_staked_rewards: { tag: "Noop" },
    });
    expect(h.call(bob, "chill_other", { stash: dave }).ok).toBe(true);
    h.call(dave, "nominate", { targets: [id(alice), id(bob)] });
    expect(h.errorOf(h.call(dave, "nominate", { targets: [id(alice)] }))).toBe("InsufficientBond");
    h.run(() => h.chain.staking.storage.MinNominatorBond.set(0n));
    h.call(dave, "nominate", { targets: [id(alice), id(bob)] });
    h.call(alice, "kick", { who: [id(dave)] });
    expect(h.run(() => h.chain.staking.storage.Nominators.get(dave))?.targets).toEqual([bob]);
    expect(h.events()).toContainEqual({ name: "Staking.Kicked", fields: { nominator: dave, stash: alice } });
  });

  it("Root calls refuse other origins and limits: validator count, force era, invulnerables, force_unstake", () => {
    bonded();
    refused(alice, "set_validator_count", { new: 10 }, "BadOrigin");
    refused(Root, "set_validator_count", { new: 2_001 }, "TooManyValidators");
    h.call(Root, "set_validator_count", { new: 10 });
    h.call(Root, "increase_validator_count", { additional: 5 });
    h.call(Root, "scale_validator_count", { factor: 50 });
    expect(h.run(() => h.chain.staking.storage.ValidatorCount.get())).toBe(22);
    h.call(Root, "force_new_era_always", {});
    expect(h.run(() => h.chain.staking.storage.ForceEra.get())).toEqual({ tag: "ForceAlways" });
    h.call(Root, "set_invulnerables", { invulnerables: [alice] });
    expect(h.run(() => h.chain.staking.storage.Invulnerables.get())).toEqual([alice]);
    h.call(Root, "force_unstake", { stash: bob, num_slashing_spans: 0 });
    expect(ledger(bob)).toBeUndefined();
    refused(Root, "force_unstake", { stash: bob, num_slashing_spans: 0 }, "NotStash");
    refused(alice, "reap_stash", { stash: carol, num_slashing_spans: 0 }, "FundedTarget");
  });
});
