import { type DispatchOutcome, type Origin, Root, signed } from "@canary/frame";
import { type AccountId32, type MultiAddress, toHex } from "@canary/primitives";
import { afterEach, describe, expect, it } from "vitest";
import { Balances, type BalancesInstance, balancesDefaults } from "../balances/index.ts";
import { checkBalancesInvariants } from "../test/balancesInvariants.ts";
import { checkSystemInvariants, type MockChain, mockChain, startBlock } from "../test/mockRuntime.ts";
import { checkVestingInvariants } from "../test/vestingInvariants.ts";
import { errors } from "./errors.ts";
import {
  endingBlock,
  lockedAt,
  mergeSchedules,
  VESTING_ID,
  Vesting,
  type VestingInstance,
  vestingDefaults,
} from "./index.ts";

const UNITS = 1_000_000_000_000n;
const alice = new Uint8Array(32).fill(1);
const bob = new Uint8Array(32).fill(2);
const charlie = new Uint8Array(32).fill(3);
const VESTING = 28;

type Chain = MockChain & { balances: BalancesInstance; vesting: VestingInstance };
let chain: Chain;
afterEach(() => {
  if (!chain) return; // the arithmetic tests run no chain
  expect(checkSystemInvariants(chain)).toEqual([]);
  expect(checkBalancesInvariants(chain)).toEqual([]);
  expect(checkVestingInvariants(chain)).toEqual([]);
});

/** Alice 100 KSM, Bob 50 KSM of which 40 vest over 40 blocks from block 10 (Substrate's genesis shape). */
function setup(vesting: Array<[AccountId32, number, number, bigint]> = [[bob, 10, 40, 10n * UNITS]]) {
  chain = mockChain((b, system) => {
    const balances = b.add(4, Balances, balancesDefaults(system));
    return { balances, vesting: b.add(VESTING, Vesting, vestingDefaults(system, balances)) };
  });
  chain.run(() => {
    chain.balances.genesis?.build({
      balances: [
        [alice, 100n * UNITS],
        [bob, 50n * UNITS],
      ],
    });
    chain.vesting.genesis?.build({ vesting });
  });
  startBlock(chain);
}
const run = <T>(fn: () => T): T => chain.run(fn);
const at = (n: number) => startBlock(chain, n);
const id = (who: AccountId32): MultiAddress => ({ tag: "Id", value: who });
const dispatch = (origin: Origin, tag: string, value: unknown = {}): DispatchOutcome =>
  run(() => chain.runtime.dispatch(origin, { tag: "Vesting", value: { tag, value } }));
const lock = (who: AccountId32) =>
  run(() => chain.balances.api.locks(who).find((l) => toHex(l.id) === toHex(VESTING_ID))?.amount);
const schedules = (who: AccountId32) => run(() => chain.vesting.api.schedules(who));
const root = () => toHex(chain.host.storageRoot(1));
const vestingEvents = () =>
  run(() => chain.system.storage.Events.get())
    .filter((e) => e.event.tag === "Vesting")
    .map((e) => ({ [e.event.value.tag]: e.event.value.value }));
function errorOf(outcome: DispatchOutcome): string | undefined {
  if (outcome.ok) return undefined;
  if (outcome.error.tag !== "Module") return outcome.error.tag;
  const { index, error } = outcome.error.value;
  expect(index).toBe(VESTING);
  return Object.entries(errors).find(([, e]) => e.index === error[0])?.[0];
}
const sched = (locked: bigint, per_block: bigint, starting_block: number) => ({
  locked,
  per_block,
  starting_block,
});

describe("schedule arithmetic", () => {
  it("locks everything until the start, then releases per_block each block, never below zero", () => {
    const s = sched(100n, 10n, 5);
    expect([0, 5, 6, 14, 15, 99].map((n) => lockedAt(s, n))).toEqual([100n, 100n, 90n, 10n, 0n, 0n]);
    expect(endingBlock(s)).toBe(15n);
    expect(endingBlock(sched(101n, 10n, 5))).toBe(16n);
    expect(lockedAt(sched(5n, 0n, 0), 3)).toBe(2n); // a zero per_block counts as one
  });

  it("merges as FRAME: ended schedules drop out, else the later end and an even release", () => {
    expect(mergeSchedules(20, sched(100n, 10n, 5), sched(50n, 5n, 0))).toBeUndefined();
    expect(mergeSchedules(12, sched(100n, 10n, 5), sched(50n, 5n, 0))).toEqual(sched(100n, 10n, 5));
    // at 10: 50 + 100 locked; ends 15 and 30; starts at 10: 150 / 20 per block.
    expect(mergeSchedules(10, sched(100n, 10n, 5), sched(100n, 5n, 10))).toEqual(sched(150n, 7n, 10));
  });
});

describe("genesis", () => {
  it("locks the balance minus liquid, released over length blocks from begin", () => {
    setup();
    expect(schedules(bob)).toEqual([sched(40n * UNITS, UNITS, 10)]);
    expect(lock(bob)).toBe(40n * UNITS);
    expect(run(() => chain.vesting.storage.StorageVersion.get())).toEqual({ tag: "V1" });
    expect(run(() => chain.vesting.api.vestingBalance(bob))).toBe(40n * UNITS);
    expect(run(() => chain.vesting.api.vestingBalance(alice))).toBeUndefined();
  });

  it("refuses to vest an account without balance, naming it", () => {
    expect(() => setup([[charlie, 0, 10, 0n]])).toThrow(/has no balance/);
    setup(); // the invariants need a chain
  });
});

describe("vest and vest_other", () => {
  it("release the lock block by block and complete it at the end", () => {
    setup();
    at(20);
    expect(dispatch(signed(bob), "vest").ok).toBe(true);
    expect(lock(bob)).toBe(30n * UNITS);
    expect(vestingEvents()).toEqual([{ VestingUpdated: { account: bob, unvested: 30n * UNITS } }]);
    // Bob may now spend what vested, and no more.
    const spend = (amount: bigint) =>
      run(() =>
        chain.runtime.dispatch(signed(bob), {
          tag: "Balances",
          value: { tag: "transfer_keep_alive", value: { dest: id(alice), value: amount } },
        }),
      );
    expect(spend(20n * UNITS + 1n).ok).toBe(false);
    expect(spend(20n * UNITS).ok).toBe(true);
    at(50);
    expect(dispatch(signed(alice), "vest_other", { target: id(bob) }).ok).toBe(true);
    expect(lock(bob)).toBeUndefined();
    expect(schedules(bob)).toEqual([]);
    expect(vestingEvents()).toEqual([{ VestingCompleted: { account: bob } }]);
  });

  it("refuse an account that is not vesting with NotVesting, changing nothing", () => {
    setup();
    const before = root();
    expect(errorOf(dispatch(signed(alice), "vest"))).toBe("NotVesting");
    expect(errorOf(dispatch(signed(bob), "vest_other", { target: id(charlie) }))).toBe("NotVesting");
    expect(root()).toBe(before);
  });
});

describe("vested_transfer and force_vested_transfer", () => {
  it("moves the funds and locks them on the target under a new schedule", () => {
    setup();
    const schedule = sched(10n * UNITS, UNITS, 5);
    expect(dispatch(signed(alice), "vested_transfer", { target: id(charlie), schedule }).ok).toBe(true);
    expect(run(() => chain.balances.api.freeBalance(charlie))).toBe(10n * UNITS);
    expect(lock(charlie)).toBe(10n * UNITS);
    expect(dispatch(Root, "force_vested_transfer", { source: id(alice), target: id(bob), schedule }).ok).toBe(
      true,
    );
    expect(schedules(bob)).toHaveLength(2);
    expect(lock(bob)).toBe(50n * UNITS);
  });

  it("refuses too small an amount, bad parameters, a full account and a non-root force, changing nothing", () => {
    setup();
    const before = root();
    const min = chain.vesting.config.minVestedTransfer;
    const transfer = (schedule: ReturnType<typeof sched>) =>
      errorOf(dispatch(signed(alice), "vested_transfer", { target: id(charlie), schedule }));
    expect(transfer(sched(min - 1n, 1n, 0))).toBe("AmountLow");
    expect(transfer(sched(min, 0n, 0))).toBe("InvalidScheduleParams");
    expect(
      errorOf(
        dispatch(signed(alice), "force_vested_transfer", {
          source: id(alice),
          target: id(charlie),
          schedule: sched(min, 1n, 0),
        }),
      ),
    ).toBe("BadOrigin");
    expect(root()).toBe(before);
    for (let i = 0; i < 27; i++) expect(transfer(sched(min, 1n, 100)) ?? "ok").toBe("ok");
    expect(transfer(sched(min, 1n, 100))).toBeUndefined(); // the 28th
    const full = root();
    expect(transfer(sched(min, 1n, 100))).toBe("AtMaxVestingSchedules");
    expect(root()).toBe(full);
  });
});

describe("merge_schedules and force_remove_vesting_schedule", () => {
  it("merges two schedules into one with the locked total and the later end", () => {
    setup();
    const schedule = sched(20n * UNITS, UNITS, 30);
    expect(dispatch(Root, "force_vested_transfer", { source: id(alice), target: id(bob), schedule }).ok).toBe(
      true,
    );
    at(20);
    expect(dispatch(signed(bob), "merge_schedules", { schedule1_index: 0, schedule2_index: 1 }).ok).toBe(
      true,
    );
    // at 20: 30 + 20 locked; ends at 50 for both; starts at 30 (the later start).
    expect(schedules(bob)).toEqual([sched(50n * UNITS, (50n * UNITS) / 20n, 30)]);
    expect(lock(bob)).toBe(50n * UNITS);
    const before = root();
    expect(
      errorOf(dispatch(signed(bob), "merge_schedules", { schedule1_index: 0, schedule2_index: 3 })),
    ).toBe("ScheduleIndexOutOfBounds");
    expect(root()).toBe(before);
  });

  it("force_remove_vesting_schedule removes one schedule and its lock, Root only", () => {
    setup();
    const before = root();
    expect(
      errorOf(dispatch(signed(bob), "force_remove_vesting_schedule", { target: id(bob), schedule_index: 0 })),
    ).toBe("BadOrigin");
    expect(
      errorOf(dispatch(Root, "force_remove_vesting_schedule", { target: id(bob), schedule_index: 1 })),
    ).toBe("InvalidScheduleParams");
    expect(root()).toBe(before);
    expect(dispatch(Root, "force_remove_vesting_schedule", { target: id(bob), schedule_index: 0 }).ok).toBe(
      true,
    );
    expect(schedules(bob)).toEqual([]);
    expect(lock(bob)).toBeUndefined();
  });
});

describe("metadata", () => {
  it("uses FRAME's call, event and error indices", () => {
    setup();
    const meta = chain.runtime.metadataPallets().find((p) => p.name === "Vesting");
    const variants = (d: unknown) =>
      (d as { variants: { name: string; index: number }[] }).variants.map((v) => [v.name, v.index]);
    expect(variants(meta?.calls)).toEqual([
      ["vest", 0],
      ["vest_other", 1],
      ["vested_transfer", 2],
      ["force_vested_transfer", 3],
      ["merge_schedules", 4],
      ["force_remove_vesting_schedule", 5],
    ]);
    expect(variants(meta?.event)).toEqual([
      ["VestingUpdated", 0],
      ["VestingCompleted", 1],
    ]);
    expect(variants(meta?.error)).toEqual([
      ["NotVesting", 0],
      ["AtMaxVestingSchedules", 1],
      ["AmountLow", 2],
      ["ScheduleIndexOutOfBounds", 3],
      ["InvalidScheduleParams", 4],
    ]);
    expect(toHex(chain.runtime.callCodec.enc({ tag: "Vesting", value: { tag: "vest", value: {} } }))).toBe(
      "0x1c00",
    );
  });
});
