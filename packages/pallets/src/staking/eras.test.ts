import { Root } from "@canary/frame";
import { afterEach, describe, expect, it } from "vitest";
import { checkBalancesInvariants } from "../test/balancesInvariants.ts";
import { checkSystemInvariants } from "../test/mockRuntime.ts";
import { acct, type Harness, id, stakingHarness, TREASURY, UNITS } from "../test/stakingChain.ts";
import { checkStakingInvariants } from "../test/stakingInvariants.ts";
import { computeInflation, eraPayout, KUSAMA_INFLATION } from "./index.ts";

const A = acct(1);
const B = acct(2);
const C = acct(3);
const N = acct(4);
const PAYEE = acct(9);

let h: Harness;
afterEach(() => {
  if (!h) return;
  expect(checkSystemInvariants(h.chain)).toEqual([]);
  expect(checkBalancesInvariants(h.chain)).toEqual([]);
  expect(checkStakingInvariants(h.chain)).toEqual([]);
});

/** Validators A (1000), B (500), C (300); N nominates B and C with 1000; two seats. */
function setup(extra = {}) {
  h = stakingHarness(
    [
      [A, 2_000n * UNITS],
      [B, 2_000n * UNITS],
      [C, 2_000n * UNITS],
      [N, 2_000n * UNITS],
    ],
    {
      validatorCount: 2,
      minimumValidatorCount: 1,
      stakers: [
        [A, A, 1_000n * UNITS, { tag: "Validator" }],
        [B, B, 500n * UNITS, { tag: "Validator" }],
        [C, C, 300n * UNITS, { tag: "Validator" }],
        [N, N, 1_000n * UNITS, { tag: "Nominator", value: [B, C] }],
      ],
      ...extra,
    },
  );
}
const s = () => h.chain.staking.storage;

describe("elections and eras", () => {
  it("genesis elects by sequential Phragmén: B (1500 approval) then A; N's whole stake backs B", () => {
    setup();
    // Round 1: 1/1500 (B) < 1/1300 (C) < 1/1000 (A). Round 2: A's 1/1000 beats C's (1 + 1000/1500)/1300.
    expect(h.session.validators).toEqual([A, B]);
    expect(h.run(() => s().ErasStakersOverview.get(0, B))).toEqual({
      total: 1_500n * UNITS,
      own: 500n * UNITS,
      nominator_count: 1,
      page_count: 1,
    });
    expect(h.run(() => s().ErasStakersPaged.get(0, B, 0))).toEqual({
      page_total: 1_000n * UNITS,
      others: [{ who: N, value: 1_000n * UNITS }],
    });
    expect(h.run(() => s().ErasStakersOverview.get(0, A))?.page_count).toBe(0);
    expect(h.run(() => s().ErasTotalStake.get(0))).toBe(2_500n * UNITS);
    expect(h.run(() => s().ActiveEra.get())).toEqual({ index: 0, start: 0n });
  });

  it("a new era is planned every 6 sessions, a session ahead; a changed nomination changes the set", () => {
    setup();
    h.call(N, "nominate", { targets: [id(C)] });
    for (let i = 0; i < 4; i++) h.rotate();
    expect(h.run(() => s().CurrentEra.get())).toBe(0);
    h.rotate(); // session 5 starts and session 6 is planned: era 1 is elected now
    expect(h.run(() => s().CurrentEra.get())).toBe(1);
    expect(h.run(() => s().ErasStartSessionIndex.get(1))).toBe(6);
    expect(h.session.queued).toEqual([A, C]);
    expect(h.session.validators).toEqual([A, B]);
    h.rotate();
    expect(h.run(() => s().ActiveEra.get())?.index).toBe(1);
    expect(h.session.validators).toEqual([A, C]);
    expect(h.events().map((e) => e.name)).toContain("Staking.EraPaid");
  });

  it("ForceNone stops eras, force_new_era makes one at the next session and then stops forcing", () => {
    setup({ forceEra: "ForceNone" });
    for (let i = 0; i < 13; i++) h.rotate();
    expect(h.run(() => s().CurrentEra.get())).toBe(0);
    h.call(Root, "force_new_era", {});
    h.rotate();
    expect(h.run(() => s().CurrentEra.get())).toBe(1);
    expect(h.run(() => s().ForceEra.get())).toEqual({ tag: "NotForcing" });
  });

  it("too few winners for the minimum: StakingElectionFailed, and the set stays", () => {
    setup({ minimumValidatorCount: 3 });
    expect(h.run(() => s().CurrentEra.get())).toBe(0);
    for (let i = 0; i < 7; i++) h.rotate();
    expect(h.run(() => s().CurrentEra.get())).toBe(0);
    expect(h.session.validators).toEqual([]);
  });
});

/** Perbill from a ratio (down) and times a balance (nearest, ties down), written out for the test. */
const part = (p: bigint, q: bigint) => (p >= q ? 1_000_000_000n : (p * 1_000_000_000n) / q);
const times = (parts: bigint, x: bigint) => {
  const n = x * parts;
  const q = n / 1_000_000_000n;
  return n % 1_000_000_000n > 500_000_000n ? q + 1n : q;
};

describe("rewards", () => {
  it("points split the era payout; commission first, then by stake, to each reward destination", () => {
    setup();
    h.call(B, "validate", { prefs: { commission: 100_000_000, blocked: false } }); // 10%, from era 1
    h.call(B, "set_payee", { payee: { tag: "Stash" } });
    h.call(N, "set_payee", { payee: { tag: "Account", value: PAYEE } });
    h.toEra(1);
    h.run(() => {
      h.chain.staking.api.noteAuthor(A);
      h.chain.staking.api.noteAuthor(A);
      h.chain.staking.api.noteAuthor(B);
    });
    expect(h.run(() => s().ErasRewardPoints.get(1))).toEqual({
      total: 60,
      individual: [
        [A, 40],
        [B, 20],
      ],
    });
    const treasuryBefore = h.free(TREASURY);
    h.toEra(2);
    const reward = h.run(() => s().ErasValidatorReward.get(1))!;
    expect(reward).toBeGreaterThan(0n);
    // The remainder of the maximum inflation went to the treasury.
    expect(h.free(TREASURY)).toBeGreaterThan(treasuryBefore);

    const bFree = h.free(B);
    const aLedger = h.run(() => h.chain.staking.api.ledger(A))!;
    expect(h.call(N, "payout_stakers", { validator_stash: B, era: 1 }).ok).toBe(true);
    const bTotal = times(part(20n, 60n), reward);
    const commission = times(100_000_000n, bTotal);
    const leftover = bTotal - commission;
    expect(h.free(B) - bFree).toBe(times(part(500n, 1_500n), leftover) + commission);
    expect(h.free(PAYEE)).toBe(times(part(1_000n, 1_500n), leftover));
    expect(h.errorOf(h.call(N, "payout_stakers", { validator_stash: B, era: 1 }))).toBe("AlreadyClaimed");

    // A's reward is Staked: its bond grows by it.
    h.call(N, "payout_stakers", { validator_stash: A, era: 1 });
    const aReward = times(part(40n, 60n), reward);
    expect(h.run(() => h.chain.staking.api.ledger(A))?.active).toBe(aLedger.active + aReward);
    expect(h.run(() => s().ClaimedRewards.get(1, A))).toEqual([0]);
  });

  it("payout of an era not yet paid, a future era, or a page past the last is refused and changes nothing", () => {
    setup();
    h.toEra(1);
    const before = h.run(() => h.chain.host.storageRoot(1));
    expect(h.errorOf(h.call(N, "payout_stakers", { validator_stash: B, era: 1 }))).toBe("InvalidEraToReward");
    expect(h.errorOf(h.call(N, "payout_stakers_by_page", { validator_stash: B, era: 9, page: 0 }))).toBe(
      "InvalidEraToReward",
    );
    // Nothing to pay in an era without exposure: pallet-staking finds no page left.
    expect(h.errorOf(h.call(N, "payout_stakers", { validator_stash: B, era: 9 }))).toBe("AlreadyClaimed");
    expect(h.errorOf(h.call(N, "payout_stakers_by_page", { validator_stash: B, era: 0, page: 1 }))).toBe(
      "InvalidPage",
    );
    expect(h.errorOf(h.call(N, "payout_stakers", { validator_stash: N, era: 0 }))).toBe("AlreadyClaimed");
    expect(h.errorOf(h.call(N, "payout_stakers", { validator_stash: acct(77), era: 0 }))).toBe("NotStash");
    expect(h.run(() => h.chain.host.storageRoot(1))).toEqual(before);
  });

  it("a page holds at most maxExposurePageSize nominators; each page is paid once", () => {
    const nominators = Array.from({ length: 5 }, (_, i) => acct(50 + i));
    h = stakingHarness(
      [[A, 2_000n * UNITS], ...nominators.map((n) => [n, 100n * UNITS] as [Uint8Array, bigint])],
      {
        validatorCount: 1,
        stakers: [
          [A, A, 1_000n * UNITS, { tag: "Validator" }],
          ...nominators.map((n) => [n, n, 10n * UNITS, { tag: "Nominator", value: [A] }] as const),
        ] as never,
      },
      { maxExposurePageSize: 2 },
    );
    expect(h.run(() => s().ErasStakersOverview.get(0, A))).toMatchObject({
      nominator_count: 5,
      page_count: 3,
    });
    h.run(() => h.chain.staking.api.noteAuthor(A));
    h.toEra(1);
    for (let page = 0; page < 3; page++)
      expect(h.call(A, "payout_stakers", { validator_stash: A, era: 0 }).ok).toBe(true);
    expect(h.errorOf(h.call(A, "payout_stakers", { validator_stash: A, era: 0 }))).toBe("AlreadyClaimed");
    expect(h.run(() => s().ClaimedRewards.get(0, A))).toEqual([0, 1, 2]);
    for (const n of nominators)
      expect(h.run(() => h.chain.staking.api.ledger(n))!.active).toBeGreaterThan(10n * UNITS);
  });
});

describe("inflation", () => {
  const Q = 1e18;
  it("rises linearly to the ideal stake and falls off as 2^((ideal − x)/falloff) beyond it", () => {
    const ideal = KUSAMA_INFLATION.idealStake;
    expect(computeInflation(ideal / 2n, ideal, KUSAMA_INFLATION.falloff)).toBe(500_000_000_000_000_000n);
    for (const x of [0.75, 0.8, 0.9, 1]) {
      const got = Number(computeInflation(BigInt(x * Q), ideal, KUSAMA_INFLATION.falloff)) / Q;
      expect(got).toBeCloseTo(2 ** ((0.75 - x) / 0.05), 12);
    }
  });

  it("pays a 6-hour era at 50% staked 7.5% a year to validators and the rest of 10% to the treasury", () => {
    const issuance = 10_000_000n * UNITS;
    const sixHours = 6n * 3_600_000n;
    const [validators, rest] = eraPayout(issuance / 2n, issuance, sixHours);
    const year = 365.25 * 24;
    expect(Number(validators) / Number(issuance)).toBeCloseTo((0.075 * 6) / year, 10);
    expect(Number(validators + rest) / Number(issuance)).toBeCloseTo((0.1 * 6) / year, 10);
  });
});
