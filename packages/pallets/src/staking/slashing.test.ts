import { Root } from "@canary/frame";
import { afterEach, describe, expect, it } from "vitest";
import { checkBalancesInvariants } from "../test/balancesInvariants.ts";
import { checkSystemInvariants } from "../test/mockRuntime.ts";
import { acct, type Harness, includes, stakingHarness, TREASURY, UNITS } from "../test/stakingChain.ts";
import { checkStakingInvariants } from "../test/stakingInvariants.ts";

const [A, B, C, D, N, REPORTER] = [1, 2, 3, 4, 5, 6].map(acct) as [
  Uint8Array,
  Uint8Array,
  Uint8Array,
  Uint8Array,
  Uint8Array,
  Uint8Array,
];
const TEN_PERCENT = 100_000_000n;

let h: Harness;
afterEach(() => {
  expect(checkSystemInvariants(h.chain)).toEqual([]);
  expect(checkBalancesInvariants(h.chain)).toEqual([]);
  expect(checkStakingInvariants(h.chain)).toEqual([]);
});

/** Four validators, N nominating B and C; slashes deferred 2 eras, 10% of each to reporters' fund. */
function setup(defer = 2) {
  h = stakingHarness(
    [A, B, C, D, N, REPORTER].map((who) => [who, 2_000n * UNITS] as [Uint8Array, bigint]),
    {
      validatorCount: 4,
      minimumValidatorCount: 1,
      slashRewardFraction: Number(TEN_PERCENT),
      invulnerables: [A],
      stakers: [
        [A, A, 1_000n * UNITS, { tag: "Validator" }],
        [B, B, 500n * UNITS, { tag: "Validator" }],
        [C, C, 300n * UNITS, { tag: "Validator" }],
        [D, D, 200n * UNITS, { tag: "Validator" }],
        [N, N, 1_000n * UNITS, { tag: "Nominator", value: [B, C] }],
      ],
    },
    { slashDeferDuration: defer, bondingDuration: 3 },
  );
}
const s = () => h.chain.staking.storage;
const offence = (who: Uint8Array, fraction: bigint) =>
  h.run(() =>
    h.chain.staking.api.onOffence([{ offender: who, reporters: [REPORTER] }], [fraction], h.session.index),
  );
const ledger = (who: Uint8Array) => h.run(() => h.chain.staking.api.ledger(who))!;
const tenth = (x: bigint) => (x * TEN_PERCENT) / 1_000_000_000n;

describe("slashing", () => {
  it("a slash is its fraction of the exposure, deferred, and then taken from validator and nominators", () => {
    setup();
    const exposure = h.run(() => h.chain.staking.api.exposure(0, B));
    const nShare = exposure.others.find((o) => o.who.every((b, i) => b === N[i]))!.value;
    offence(B, TEN_PERCENT);
    expect(h.events()).toContainEqual({
      name: "Staking.SlashReported",
      fields: { validator: B, fraction: Number(TEN_PERCENT), slash_era: 0 },
    });
    // Chilled for the next election, and disabled now (at most a third of the set: one of four).
    expect(h.run(() => s().Validators.contains(B))).toBe(false);
    expect(h.session.disabled).toEqual([
      h.session.validators.findIndex((v) => v.every((b, i) => b === B[i])),
    ]);
    const [pending] = h.run(() => s().UnappliedSlashes.get(3));
    expect(pending).toMatchObject({
      validator: B,
      own: tenth(exposure.own),
      others: [[N, tenth(nShare)]],
      reporters: [REPORTER],
    });
    const bBefore = ledger(B).active;
    const nBefore = ledger(N).active;
    const reporterBefore = h.free(REPORTER);
    h.toEra(2);
    expect(ledger(B).active).toBe(bBefore);
    h.toEra(3);
    expect(ledger(B).active).toBe(bBefore - tenth(exposure.own));
    expect(ledger(N).active).toBe(nBefore - tenth(nShare));
    // Reporters get half of the 10% reward fraction of what was slashed; the treasury the rest.
    expect(h.free(REPORTER) - reporterBefore).toBe(pending!.payout);
    expect(pending!.payout).toBe(tenth(tenth(exposure.own)) / 2n + tenth(tenth(nShare)) / 2n);
    expect(h.run(() => s().UnappliedSlashes.get(3))).toEqual([]);
  });

  it("only the largest slash of an era counts; invulnerables are never slashed", () => {
    setup();
    offence(B, TEN_PERCENT);
    offence(B, TEN_PERCENT / 2n);
    offence(A, TEN_PERCENT);
    expect(h.run(() => s().UnappliedSlashes.get(3))).toHaveLength(1);
    expect(h.run(() => s().ValidatorSlashInEra.get(0, B))?.[0]).toBe(Number(TEN_PERCENT));
    expect(h.run(() => s().ValidatorSlashInEra.get(0, A))).toBeUndefined();
  });

  it("cancel_deferred_slash removes chosen slashes; bad index lists are refused and change nothing", () => {
    setup();
    offence(B, TEN_PERCENT);
    offence(C, TEN_PERCENT);
    const before = h.run(() => h.chain.host.storageRoot(1));
    for (const [indices, error] of [
      [[], "EmptyTargets"],
      [[1, 0], "NotSortedAndUnique"],
      [[2], "InvalidSlashIndex"],
    ] as const) {
      expect(h.errorOf(h.call(Root, "cancel_deferred_slash", { era: 3, slash_indices: indices }))).toBe(
        error,
      );
    }
    expect(h.errorOf(h.call(B, "cancel_deferred_slash", { era: 3, slash_indices: [0] }))).toBe("BadOrigin");
    expect(h.run(() => h.chain.host.storageRoot(1))).toEqual(before);
    expect(h.call(Root, "cancel_deferred_slash", { era: 3, slash_indices: [0] }).ok).toBe(true);
    expect(h.run(() => s().UnappliedSlashes.get(3)).map((u) => u.validator)).toEqual([C]);
    const bBefore = ledger(B).active;
    const treasuryBefore = h.free(TREASURY);
    h.toEra(3);
    expect(ledger(B).active).toBe(bBefore);
    expect(h.free(TREASURY)).toBeGreaterThan(treasuryBefore);
  });

  it("a slash ends the span: nominations made before it no longer back the validator", () => {
    setup();
    h.toEra(1);
    offence(B, TEN_PERCENT);
    expect(h.run(() => s().SlashingSpans.get(B))).toMatchObject({ span_index: 1, last_nonzero_slash: 1 });
    h.call(B, "validate", { prefs: { commission: 0, blocked: false } });
    h.toEra(3);
    const exposure = h.run(() => h.chain.staking.api.exposure(3, B));
    expect(exposure.others).toEqual([]);
    expect(includes(h.session.validators, B)).toBe(true);
    // Spans are kept until the stash is removed, which must name them all.
    h.call(B, "chill");
    h.call(B, "unbond", { value: 10_000n * UNITS });
    h.toEra(7);
    expect(h.errorOf(h.call(B, "withdraw_unbonded", { num_slashing_spans: 0 }))).toBe(
      "IncorrectSlashingSpans",
    );
    expect(h.call(B, "withdraw_unbonded", { num_slashing_spans: 2 }).ok).toBe(true);
    expect(h.run(() => s().SlashingSpans.get(B))).toBeUndefined();
  });

  it("without deferral the slash applies at once", () => {
    setup(0);
    const before = ledger(C).active;
    offence(C, TEN_PERCENT);
    expect(ledger(C).active).toBeLessThan(before);
    expect(h.events().map((e) => e.name)).toContain("Staking.Slashed");
  });
});
