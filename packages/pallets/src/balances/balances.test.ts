import { type DispatchOutcome, type Origin, Root, signed } from "@canary/frame";
import { type AccountId32, type MultiAddress, toHex } from "@canary/primitives";
import { afterEach, describe, expect, it } from "vitest";
import { checkBalancesInvariants } from "../test/balancesInvariants.ts";
import { checkSystemInvariants, type MockChain, mockChain, startBlock } from "../test/mockRuntime.ts";
import { errors } from "./errors.ts";
import { Balances, type BalancesConfig, type BalancesInstance, balancesDefaults } from "./index.ts";

const ED = 333_333_333n;
const UNITS = 1_000_000_000_000n;
const alice = new Uint8Array(32).fill(1);
const bob = new Uint8Array(32).fill(2);
const charlie = new Uint8Array(32).fill(3);
const STAKING = Uint8Array.from("staking ", (c) => c.charCodeAt(0));
const VESTING = Uint8Array.from("vesting ", (c) => c.charCodeAt(0));

let chain: MockChain & { balances: BalancesInstance };
afterEach(() => {
  if (!chain) return;
  expect(checkSystemInvariants(chain)).toEqual([]);
  expect(checkBalancesInvariants(chain)).toEqual([]);
});

/** A chain at block 1 with `funded` accounts endowed at genesis. */
function newChain(config: Partial<BalancesConfig> = {}) {
  chain = mockChain((b, system) => ({
    balances: b.add(4, Balances, { ...balancesDefaults(system), ...config }),
  }));
}

function setup(
  funded: Array<[AccountId32, bigint]> = [[alice, 100n * UNITS]],
  config: Partial<BalancesConfig> = {},
): void {
  newChain(config);
  chain.run(() => chain.balances.genesis?.build({ balances: funded }));
  startBlock(chain);
}
const api = () => chain.balances.api;

const id = (who: AccountId32): MultiAddress => ({ tag: "Id", value: who });
const run = <T>(fn: () => T): T => chain.run(fn);
const dispatch = (origin: Origin, tag: string, value: unknown): DispatchOutcome =>
  run(() => chain.runtime.dispatch(origin, { tag: "Balances", value: { tag, value } }));
const free = (who: AccountId32) => run(() => api().freeBalance(who));
const info = (who: AccountId32) => run(() => chain.system.api.account(who));
const issuance = () => run(() => api().totalIssuance());
const root = () => toHex(chain.host.storageRoot(1));
const events = () =>
  run(() => chain.system.storage.Events.get()).map((e) => ({
    name: `${e.event.tag}.${e.event.value.tag}`,
    fields: e.event.value.value,
  }));
const eventNames = () => events().map((e) => e.name);

/** The Balances error a failed outcome carries, by name; `Token.X` / `Arithmetic.X` for those. */
function balancesError(outcome: DispatchOutcome): string | undefined {
  if (outcome.ok) return undefined;
  if (outcome.error.tag === "Token" || outcome.error.tag === "Arithmetic")
    return `${outcome.error.tag}.${outcome.error.value.tag}`;
  if (outcome.error.tag !== "Module") return undefined;
  expect(outcome.error.value.index).toBe(4);
  const index = outcome.error.value.error[0];
  return Object.entries(errors).find(([, e]) => e.index === index)?.[0];
}

/** Dispatches a call that must fail with Balances error `name` and leave the state untouched. */
function expectFailure(origin: Origin, tag: string, value: unknown, name: string): void {
  const before = root();
  expect(balancesError(dispatch(origin, tag, value))).toBe(name);
  expect(root()).toBe(before);
}

/** Runs a pallet function that must throw a dispatch error matching `error` and change nothing. */
function expectThrow(fn: () => unknown, error: unknown): void {
  const before = root();
  expect(() => run(fn)).toThrow(expect.objectContaining({ error }));
  expect(root()).toBe(before);
}

const moduleErr = (name: keyof typeof errors) => ({
  tag: "Module",
  value: { index: 4, error: Uint8Array.of(errors[name].index, 0, 0, 0) },
});

describe("genesis", () => {
  it("endows accounts with a provider and sets the total issuance", () => {
    setup([
      [alice, 10n * UNITS],
      [bob, ED],
    ]);
    expect(issuance()).toBe(10n * UNITS + ED);
    expect(info(bob)).toMatchObject({ providers: 1, consumers: 0, data: { free: ED, reserved: 0n } });
  });

  it("rejects balances below the existential deposit and duplicates", () => {
    newChain();
    expect(() => run(() => chain.balances.genesis?.build({ balances: [[alice, ED - 1n]] }))).toThrow(
      /below the existential deposit/,
    );
    newChain();
    expect(() =>
      run(() =>
        chain.balances.genesis?.build({
          balances: [
            [alice, ED],
            [alice, ED],
          ],
        }),
      ),
    ).toThrow(/duplicate/);
    newChain();
  });

  it("writes the same records whether or not other accounts existed before it ran", () => {
    const funded: Array<[AccountId32, bigint]> = [
      [alice, 10n * UNITS],
      [bob, ED],
    ];
    newChain();
    run(() => chain.balances.genesis?.build({ balances: funded }));
    const fresh = [alice, bob].map(info);
    // Charlie exists first (a provider from elsewhere), so genesis checks and updates each account.
    newChain();
    run(() => chain.system.api.incProviders(charlie));
    run(() => chain.balances.genesis?.build({ balances: funded }));
    expect([alice, bob].map(info)).toEqual(fresh);
    expect(fresh[0]).toEqual({
      nonce: 0,
      consumers: 0,
      providers: 1,
      sufficients: 0,
      data: { free: 10n * UNITS, reserved: 0n, frozen: 0n, flags: 1n << 127n },
    });
    expect(issuance()).toBe(10n * UNITS + ED);
  });

  it("refuses an account that already exists", () => {
    newChain();
    run(() => chain.system.api.incProviders(bob));
    expect(() => run(() => chain.balances.genesis?.build({ balances: [[bob, ED]] }))).toThrow(
      /already exists/,
    );
    newChain();
  });
});

describe("transfer_allow_death", () => {
  it("moves funds and endows a new account (provider, NewAccount, Endowed, Transfer)", () => {
    setup();
    expect(dispatch(signed(alice), "transfer_allow_death", { dest: id(bob), value: 5n * UNITS }).ok).toBe(
      true,
    );
    expect(free(alice)).toBe(95n * UNITS);
    expect(free(bob)).toBe(5n * UNITS);
    expect(info(bob).providers).toBe(1);
    expect(events()).toEqual([
      { name: "System.NewAccount", fields: { account: bob } },
      { name: "Balances.Endowed", fields: { account: bob, free_balance: 5n * UNITS } },
      { name: "Balances.Transfer", fields: { from: alice, to: bob, amount: 5n * UNITS } },
    ]);
    expect(issuance()).toBe(100n * UNITS);
  });

  it("refuses to create an account below the existential deposit (Token.BelowMinimum)", () => {
    setup();
    expectFailure(
      signed(alice),
      "transfer_allow_death",
      { dest: id(bob), value: ED - 1n },
      "Token.BelowMinimum",
    );
    // An existing account may receive less than the deposit.
    setup([
      [alice, UNITS],
      [bob, UNITS],
    ]);
    expect(dispatch(signed(alice), "transfer_allow_death", { dest: id(bob), value: 1n }).ok).toBe(true);
    expect(free(bob)).toBe(UNITS + 1n);
  });

  it("fails with Token.FundsUnavailable beyond the free balance", () => {
    setup();
    expectFailure(
      signed(alice),
      "transfer_allow_death",
      { dest: id(bob), value: 100n * UNITS + 1n },
      "Token.FundsUnavailable",
    );
    expectFailure(
      signed(charlie),
      "transfer_allow_death",
      { dest: id(bob), value: 1n },
      "Token.FundsUnavailable",
    );
  });

  it("reaps the sender and burns its dust (KilledAccount, DustLost), reducing the issuance", () => {
    setup([[alice, 3n * ED]]);
    run(() => chain.system.storage.Account.mutate(alice, (a) => ({ ...a, nonce: 7 })));
    const sent = 3n * ED - 5n;
    expect(dispatch(signed(alice), "transfer_allow_death", { dest: id(bob), value: sent }).ok).toBe(true);
    expect(run(() => chain.system.storage.Account.contains(alice))).toBe(false);
    expect(info(alice).nonce).toBe(0);
    expect(issuance()).toBe(sent);
    expect(events()).toEqual([
      { name: "System.KilledAccount", fields: { account: alice } },
      { name: "Balances.DustLost", fields: { account: alice, amount: 5n } },
      { name: "System.NewAccount", fields: { account: bob } },
      { name: "Balances.Endowed", fields: { account: bob, free_balance: sent } },
      { name: "Balances.Transfer", fields: { from: alice, to: bob, amount: sent } },
    ]);
  });

  it("fails with Token.Frozen past a lock, and allows spending down to it", () => {
    setup();
    run(() => api().setLock(STAKING, alice, 60n * UNITS));
    expect(eventNames()).toEqual(["Balances.Locked"]);
    expect(info(alice).consumers).toBe(2); // one for the frozen balance, one for the Locks entry
    expectFailure(
      signed(alice),
      "transfer_allow_death",
      { dest: id(bob), value: 40n * UNITS + 1n },
      "Token.Frozen",
    );
    expect(dispatch(signed(alice), "transfer_allow_death", { dest: id(bob), value: 40n * UNITS }).ok).toBe(
      true,
    );
    expect(free(alice)).toBe(60n * UNITS);
  });

  it("cannot reap an account that still has a reserve (Token.OnlyProvider)", () => {
    setup();
    run(() => api().reserve(alice, 10n * UNITS));
    expect(run(() => api().reducibleBalance(alice, false))).toBe(90n * UNITS - ED);
    expectFailure(
      signed(alice),
      "transfer_allow_death",
      { dest: id(bob), value: 90n * UNITS },
      "Token.OnlyProvider",
    );
  });

  it("fails with CannotLookup for addresses other than Id", () => {
    setup();
    const before = root();
    expect(
      dispatch(signed(alice), "transfer_allow_death", { dest: { tag: "Index", value: 1 }, value: UNITS }),
    ).toMatchObject({ ok: false, error: { tag: "CannotLookup" } });
    expect(root()).toBe(before);
  });

  it("needs a signed origin", () => {
    setup();
    expect(dispatch(Root, "transfer_allow_death", { dest: id(bob), value: UNITS })).toMatchObject({
      ok: false,
      error: { tag: "BadOrigin" },
    });
  });
});

describe("transfer_keep_alive", () => {
  it("moves funds but never below the existential deposit (Token.NotExpendable)", () => {
    setup();
    expectFailure(
      signed(alice),
      "transfer_keep_alive",
      { dest: id(bob), value: 100n * UNITS - ED + 1n },
      "Token.NotExpendable",
    );
    expect(
      dispatch(signed(alice), "transfer_keep_alive", { dest: id(bob), value: 100n * UNITS - ED }).ok,
    ).toBe(true);
    expect(free(alice)).toBe(ED);
    expect(info(alice).providers).toBe(1);
  });
});

describe("transfer_all", () => {
  it("keep_alive: sends all but the deposit", () => {
    setup();
    expect(dispatch(signed(alice), "transfer_all", { dest: id(bob), keep_alive: true }).ok).toBe(true);
    expect(free(alice)).toBe(ED);
    expect(free(bob)).toBe(100n * UNITS - ED);
  });

  it("allow death: sends everything and reaps the sender without dust", () => {
    setup();
    expect(dispatch(signed(alice), "transfer_all", { dest: id(bob), keep_alive: false }).ok).toBe(true);
    expect(run(() => chain.system.storage.Account.contains(alice))).toBe(false);
    expect(free(bob)).toBe(100n * UNITS);
    expect(eventNames()).not.toContain("Balances.DustLost");
  });

  it("leaves what a lock holds, and the deposit the lock's consumer needs", () => {
    setup();
    run(() => api().setLock(STAKING, alice, 30n * UNITS));
    expect(dispatch(signed(alice), "transfer_all", { dest: id(bob), keep_alive: false }).ok).toBe(true);
    expect(free(alice)).toBe(30n * UNITS);
  });
});

describe("force_transfer", () => {
  it("root moves funds between any accounts; others get BadOrigin", () => {
    setup();
    const args = { source: id(alice), dest: id(bob), value: 2n * UNITS };
    const before = root();
    expect(dispatch(signed(alice), "force_transfer", args)).toMatchObject({
      ok: false,
      error: { tag: "BadOrigin" },
    });
    expect(root()).toBe(before);
    expect(dispatch(Root, "force_transfer", args).ok).toBe(true);
    expect(free(bob)).toBe(2n * UNITS);
    expectFailure(Root, "force_transfer", { ...args, value: 200n * UNITS }, "Token.FundsUnavailable");
  });
});

describe("force_unreserve", () => {
  it("root unreserves up to the reserved amount (Unreserved); others get BadOrigin", () => {
    setup();
    run(() => api().reserve(alice, 10n * UNITS));
    expect(dispatch(signed(alice), "force_unreserve", { who: id(alice), amount: UNITS })).toMatchObject({
      ok: false,
      error: { tag: "BadOrigin" },
    });
    expect(dispatch(Root, "force_unreserve", { who: id(alice), amount: 25n * UNITS }).ok).toBe(true);
    expect(info(alice)).toMatchObject({ consumers: 0, data: { free: 100n * UNITS, reserved: 0n } });
    expect(events().at(-1)).toEqual({
      name: "Balances.Unreserved",
      fields: { who: alice, amount: 10n * UNITS },
    });
  });
});

describe("force_set_balance", () => {
  it("mints or burns the difference and emits BalanceSet", () => {
    setup();
    expect(dispatch(Root, "force_set_balance", { who: id(alice), new_free: 150n * UNITS }).ok).toBe(true);
    expect(issuance()).toBe(150n * UNITS);
    expect(dispatch(Root, "force_set_balance", { who: id(bob), new_free: 7n * UNITS }).ok).toBe(true);
    expect(issuance()).toBe(157n * UNITS);
    expect(eventNames()).toEqual([
      "Balances.BalanceSet",
      "System.NewAccount",
      "Balances.Endowed",
      "Balances.BalanceSet",
    ]);
    expect(events()[3]?.fields).toEqual({ who: bob, free: 7n * UNITS });
  });

  it("below the deposit sets zero and reaps the account", () => {
    setup();
    expect(dispatch(Root, "force_set_balance", { who: id(alice), new_free: ED - 1n }).ok).toBe(true);
    expect(run(() => chain.system.storage.Account.contains(alice))).toBe(false);
    expect(issuance()).toBe(0n);
    expect(events()).toEqual([
      { name: "System.KilledAccount", fields: { account: alice } },
      { name: "Balances.BalanceSet", fields: { who: alice, free: 0n } },
    ]);
  });

  it("needs root", () => {
    setup();
    expect(dispatch(signed(alice), "force_set_balance", { who: id(alice), new_free: 1n })).toMatchObject({
      ok: false,
      error: { tag: "BadOrigin" },
    });
  });
});

describe("burn", () => {
  it("destroys free balance and reduces the issuance (Burned)", () => {
    setup();
    expect(dispatch(signed(alice), "burn", { value: 10n * UNITS, keep_alive: true }).ok).toBe(true);
    expect(issuance()).toBe(90n * UNITS);
    expect(events()).toEqual([{ name: "Balances.Burned", fields: { who: alice, amount: 10n * UNITS } }]);
  });

  it("keep_alive refuses to kill the account; otherwise burning everything reaps it", () => {
    setup();
    // burn_from takes at most the reducible balance: beyond it is FundsUnavailable either way.
    expectFailure(signed(alice), "burn", { value: 100n * UNITS, keep_alive: true }, "Token.FundsUnavailable");
    expectFailure(
      signed(alice),
      "burn",
      { value: 100n * UNITS + 1n, keep_alive: false },
      "Token.FundsUnavailable",
    );
    expect(dispatch(signed(alice), "burn", { value: 100n * UNITS - 1n, keep_alive: false }).ok).toBe(true);
    expect(run(() => chain.system.storage.Account.contains(alice))).toBe(false);
    expect(issuance()).toBe(0n);
    expect(eventNames()).toEqual(["System.KilledAccount", "Balances.DustLost", "Balances.Burned"]);
  });
});

describe("currency API for other pallets", () => {
  it("withdraw takes funds out of the issuance; deposit puts them back", () => {
    setup([
      [alice, 10n * UNITS],
      [bob, UNITS],
    ]);
    expect(run(() => api().withdraw(alice, 3n * UNITS, "Fee", true))).toBe(3n * UNITS);
    expect(issuance()).toBe(8n * UNITS);
    expect(run(() => api().deposit(bob, 2n * UNITS))).toBe(2n * UNITS);
    expect(run(() => api().deposit(charlie, ED - 1n))).toBe(0n); // too small to create an account: dropped
    expect(run(() => api().deposit(charlie, UNITS))).toBe(UNITS);
    expect(issuance()).toBe(11n * UNITS);
    expect(eventNames()).toEqual([
      "Balances.Withdraw",
      "Balances.Deposit",
      "System.NewAccount",
      "Balances.Endowed",
      "Balances.Deposit",
    ]);
    expectThrow(() => api().withdraw(alice, 7n * UNITS, "Fee", true), moduleErr("Expendability"));
    expectThrow(() => api().withdraw(alice, 8n * UNITS, "All", false), moduleErr("InsufficientBalance"));
  });

  it("transfer, mint and burnFrom; mint past u128 fails with Arithmetic(Overflow)", () => {
    setup();
    expect(run(() => api().transfer(alice, bob, UNITS, true))).toBe(UNITS);
    expect(run(() => api().mint(bob, UNITS))).toBe(UNITS);
    expect(run(() => api().burnFrom(bob, UNITS, true))).toBe(UNITS);
    expect(issuance()).toBe(100n * UNITS);
    expectThrow(() => api().mint(charlie, ED - 1n), { tag: "Token", value: { tag: "BelowMinimum" } });
    expectThrow(() => api().mint(bob, (1n << 128n) - 1n), { tag: "Arithmetic", value: { tag: "Overflow" } });
    expect(eventNames()).toEqual([
      "System.NewAccount",
      "Balances.Endowed",
      "Balances.Transfer",
      "Balances.Minted",
      "Balances.Burned",
    ]);
  });

  it("reducibleBalance follows FRAME: frozen beyond the reserve, and the deposit when kept alive", () => {
    setup();
    run(() => {
      expect(api().reducibleBalance(alice, false)).toBe(100n * UNITS);
      expect(api().reducibleBalance(alice, true)).toBe(100n * UNITS - ED);
      api().reserve(alice, 20n * UNITS);
      api().setFreeze("NominationPools", alice, 50n * UNITS);
      // 50 frozen less 20 reserved = 30 untouchable in free.
      expect(api().reducibleBalance(alice, false)).toBe(50n * UNITS);
    });
  });
});

describe("reserves", () => {
  it("reserve and unreserve move funds between free and reserved, with a consumer while reserved", () => {
    setup();
    run(() => api().reserve(alice, 10n * UNITS));
    expect(info(alice)).toMatchObject({ consumers: 1, data: { free: 90n * UNITS, reserved: 10n * UNITS } });
    expect(run(() => api().unreserve(alice, 15n * UNITS))).toBe(5n * UNITS);
    expect(info(alice)).toMatchObject({ consumers: 0, data: { free: 100n * UNITS, reserved: 0n } });
    expect(eventNames()).toEqual(["Balances.Reserved", "Balances.Unreserved"]);
  });

  it("refuses reserves beyond free, below the deposit, or into a lock", () => {
    setup();
    expectThrow(() => api().reserve(alice, 100n * UNITS + 1n), moduleErr("InsufficientBalance"));
    expectThrow(() => api().reserve(alice, 100n * UNITS), moduleErr("InsufficientBalance"));
    run(() => api().setLock(STAKING, alice, 95n * UNITS));
    expectThrow(() => api().reserve(alice, 6n * UNITS), moduleErr("LiquidityRestrictions"));
  });

  it("slash_reserved burns from the reserve; repatriate moves it to free or reserved", () => {
    setup([
      [alice, 100n * UNITS],
      [bob, UNITS],
    ]);
    run(() => {
      api().reserve(alice, 30n * UNITS);
      expect(api().slashReserved(alice, 5n * UNITS)).toEqual([5n * UNITS, 0n]);
      expect(api().repatriateReserved(alice, bob, 10n * UNITS, "Free")).toBe(0n);
      expect(api().repatriateReserved(alice, bob, 20n * UNITS, "Reserved")).toBe(5n * UNITS);
    });
    expect(issuance()).toBe(96n * UNITS);
    expect(info(bob).data).toMatchObject({ free: 11n * UNITS, reserved: 15n * UNITS });
    expect(info(alice)).toMatchObject({ consumers: 0, data: { reserved: 0n } });
    expect(events().find((e) => e.name === "Balances.ReserveRepatriated")?.fields).toEqual({
      from: alice,
      to: bob,
      amount: 10n * UNITS,
      destination_status: { tag: "Free" },
    });
    run(() => api().reserve(alice, UNITS));
    expectThrow(() => api().repatriateReserved(alice, charlie, UNITS, "Free"), moduleErr("DeadAccount"));
  });

  it("named reserves track their share; TooManyReserves past the limit", () => {
    setup(undefined, { maxReserves: 2 });
    run(() => {
      api().reserveNamed(STAKING, alice, 10n * UNITS);
      api().reserveNamed(VESTING, alice, 5n * UNITS);
      api().reserveNamed(STAKING, alice, UNITS);
      expect(api().reservedBalanceNamed(STAKING, alice)).toBe(11n * UNITS);
      expect(api().unreserveNamed(VESTING, alice, 7n * UNITS)).toBe(2n * UNITS);
      expect(api().slashReservedNamed(STAKING, alice, UNITS)).toEqual([UNITS, 0n]);
    });
    expect(run(() => chain.balances.storage.Reserves.get(alice))).toEqual([
      { id: STAKING, amount: 10n * UNITS },
    ]);
    run(() => api().reserveNamed(VESTING, alice, UNITS));
    expectThrow(() => api().reserveNamed(new Uint8Array(8), alice, UNITS), moduleErr("TooManyReserves"));
  });
});

describe("locks, freezes and holds", () => {
  it("frozen is the largest lock or freeze; events report the change", () => {
    setup();
    run(() => {
      api().setLock(STAKING, alice, 20n * UNITS, "Misc");
      api().extendLock(STAKING, alice, 10n * UNITS, "Fee");
      api().setFreeze("NominationPools", alice, 30n * UNITS);
    });
    expect(info(alice).data.frozen).toBe(30n * UNITS);
    expect(run(() => chain.balances.storage.Locks.get(alice))[0]).toEqual({
      id: STAKING,
      amount: 20n * UNITS,
      reasons: { tag: "All" },
    });
    run(() => {
      api().thaw("NominationPools", alice);
      api().removeLock(STAKING, alice);
    });
    expect(info(alice)).toMatchObject({ consumers: 0, data: { frozen: 0n } });
    expect(events().map((e) => [e.name, (e.fields as { amount: bigint }).amount])).toEqual([
      ["Balances.Locked", 20n * UNITS],
      ["Balances.Frozen", 10n * UNITS],
      ["Balances.Thawed", 10n * UNITS],
      ["Balances.Unlocked", 20n * UNITS],
    ]);
  });

  it("TooManyFreezes past the limit", () => {
    setup(undefined, { maxFreezes: 1 });
    run(() => api().setFreeze("NominationPools", alice, UNITS));
    expect(run(() => api().balanceFrozen("NominationPools", alice))).toBe(UNITS);
    expectThrow(() => api().setFreeze("Other", alice, UNITS), moduleErr("TooManyFreezes"));
  });

  it("hold and release by reason; TooManyHolds past the limit", () => {
    setup(undefined, { maxHolds: 1 });
    run(() => api().hold("Preimage", alice, 4n * UNITS));
    expect(info(alice).data.reserved).toBe(4n * UNITS);
    expectThrow(() => api().hold("Staking", alice, UNITS), moduleErr("TooManyHolds"));
    expect(run(() => api().release("Preimage", alice, 3n * UNITS))).toBe(3n * UNITS);
    expect(run(() => api().balanceOnHold("Preimage", alice))).toBe(UNITS);
    expect(run(() => api().release("Preimage", alice, 9n * UNITS))).toBe(UNITS);
    expect(run(() => chain.balances.storage.Holds.contains(alice))).toBe(false);
  });
});

describe("metadata and encoding", () => {
  it("uses FRAME's indices for calls, events and errors, and FRAME's storage names", () => {
    setup();
    const meta = chain.runtime.metadataPallets().find((p) => p.name === "Balances")!;
    expect(meta.index).toBe(4);
    const variants = (d: typeof meta.calls) =>
      d?.kind === "variant" ? d.variants.map((v) => [v.name, v.index]) : [];
    expect(variants(meta.calls)).toEqual([
      ["transfer_allow_death", 0],
      ["force_transfer", 2],
      ["transfer_keep_alive", 3],
      ["transfer_all", 4],
      ["force_unreserve", 5],
      ["force_set_balance", 8],
      ["burn", 10],
    ]);
    expect(variants(meta.event).slice(0, 12)).toEqual(
      [
        "Endowed",
        "DustLost",
        "Transfer",
        "BalanceSet",
        "Reserved",
        "Unreserved",
        "ReserveRepatriated",
        "Deposit",
        "Withdraw",
        "Slashed",
        "Minted",
        "Burned",
      ].map((n, i) => [n, i]),
    );
    expect(variants(meta.event).slice(17, 21)).toEqual([
      ["Locked", 17],
      ["Unlocked", 18],
      ["Frozen", 19],
      ["Thawed", 20],
    ]);
    expect(variants(meta.error).map(([n]) => n)).toEqual(Object.keys(errors));
    expect(meta.storage?.entries.map((e) => e.name)).toEqual([
      "TotalIssuance",
      "InactiveIssuance",
      "Account",
      "Locks",
      "Reserves",
      "Holds",
      "Freezes",
    ]);
    expect(meta.constants.map((c) => c.name)).toEqual([
      "ExistentialDeposit",
      "MaxLocks",
      "MaxReserves",
      "MaxFreezes",
    ]);
  });

  it("encodes transfer_keep_alive as pallet 4, call 3, MultiAddress::Id, compact value", () => {
    setup();
    const bytes = chain.runtime.callCodec.enc({
      tag: "Balances",
      value: { tag: "transfer_keep_alive", value: { dest: id(bob), value: 1_000_000n } },
    });
    expect(toHex(bytes)).toBe(`0x040300${toHex(bob).slice(2)}02093d00`);
  });
});
