/**
 * A staking chain for pallet tests: System, Balances and Staking over the mock runtime, a session
 * stand-in that rotates as pallet-session does (planning one session ahead), a settable clock,
 * and a treasury account that receives era remainders and slashes.
 */
import { type DispatchOutcome, type Origin, signed } from "@canary/frame";
import { bytesEqual, type MultiAddress } from "@canary/primitives";
import { expect } from "vitest";
import { Balances, type BalancesInstance, balancesDefaults } from "../balances/index.ts";
import { errors } from "../staking/errors.ts";
import {
  eraPayout,
  Staking,
  type StakingConfig,
  type StakingGenesis,
  type StakingInstance,
  stakingDefaults,
} from "../staking/index.ts";
import { blockEvents, type MockChain, mockChain, startBlock } from "./mockRuntime.ts";

export const UNITS = 1_000_000_000_000n;
export const STAKING = 6;
export const acct = (n: number): Uint8Array => new Uint8Array(32).fill(n);
export const id = (who: Uint8Array): MultiAddress => ({ tag: "Id", value: who });
export const TREASURY = acct(200);

export type StakingChain = MockChain & { balances: BalancesInstance; staking: StakingInstance };

export interface Harness {
  chain: StakingChain;
  run<T>(fn: () => T): T;
  call(who: Uint8Array | Origin, tag: string, value?: unknown): DispatchOutcome;
  /** The Staking error name of a failed dispatch (or the DispatchError tag). */
  errorOf(outcome: DispatchOutcome): string | undefined;
  /** Ends the current session and starts the next, as pallet-session rotates. */
  rotate(): void;
  /** Rotates until `era` is active. */
  toEra(era: number): void;
  session: { index: number; validators: Uint8Array[]; queued: Uint8Array[]; disabled: number[] };
  clock: { now: bigint };
  events(): Array<{ name: string; fields: unknown }>;
  free(who: Uint8Array): bigint;
}

export function stakingHarness(
  balances: Array<[Uint8Array, bigint]>,
  genesis: StakingGenesis,
  config: Partial<StakingConfig> = {},
): Harness {
  const clock = { now: 0n };
  const session = {
    index: 0,
    validators: [] as Uint8Array[],
    queued: [] as Uint8Array[],
    disabled: [] as number[],
  };
  let block = 1;
  const chain = mockChain((b, system) => {
    const bal = b.add(4, Balances, balancesDefaults(system));
    const staking = b.add(STAKING, Staking, {
      ...stakingDefaults(system, bal),
      session: () => ({
        validators: () => session.validators,
        disable: (i: number) => {
          if (session.disabled.includes(i)) return false;
          session.disabled.push(i);
          return true;
        },
      }),
      now: () => clock.now,
      eraPayout: (staked, issuance, ms) => eraPayout(staked, issuance, ms),
      rewardRemainder: (amount) => bal.api.deposit(TREASURY, amount),
      slashed: (amount) => bal.api.deposit(TREASURY, amount),
      ...config,
    });
    return { balances: bal, staking };
  }) as StakingChain;
  const run = <T>(fn: () => T): T => chain.run(fn);
  const manager = () => chain.staking.api.sessionManager;
  run(() => {
    chain.balances.genesis?.build({ balances });
    chain.staking.genesis?.build(genesis);
    const first = manager().newSessionGenesis?.(0) ?? [];
    session.validators = first;
    session.queued = manager().newSessionGenesis?.(1) ?? first;
    manager().startSession?.(0);
  });
  startBlock(chain, block);
  const finalize = () => run(() => chain.staking.hooks.onFinalize?.(block));
  finalize();
  const h: Harness = {
    chain,
    run,
    session,
    clock,
    call(who, tag, value = {}) {
      const origin = who instanceof Uint8Array ? signed(who) : who;
      return run(() => chain.runtime.dispatch(origin, { tag: "Staking", value: { tag, value } }));
    },
    errorOf(outcome) {
      if (outcome.ok) return undefined;
      if (outcome.error.tag !== "Module") return outcome.error.tag;
      const { index, error } = outcome.error.value;
      expect(index).toBe(STAKING);
      return Object.entries(errors).find(([, e]) => e.index === error[0])?.[0];
    },
    rotate() {
      // A new block for each session, an hour of the clock apart (Kusama's session).
      block++;
      clock.now += 3_600_000n;
      startBlock(chain, block);
      run(() => {
        const m = manager();
        m.endSession?.(session.index);
        session.validators = session.queued;
        session.disabled = [];
        session.index++;
        m.startSession?.(session.index);
        session.queued = m.newSession(session.index + 1) ?? session.validators;
      });
      finalize();
    },
    toEra(era) {
      for (let i = 0; i < 1000 && (run(() => chain.staking.api.activeEra())?.index ?? -1) < era; i++)
        h.rotate();
      expect(run(() => chain.staking.api.activeEra())?.index).toBe(era);
    },
    events: () => blockEvents(chain).filter((e) => e.name.startsWith("Staking.")),
    free: (who) => run(() => chain.balances.api.freeBalance(who)),
  };
  return h;
}

export const includes = (set: Uint8Array[], who: Uint8Array) => set.some((v) => bytesEqual(v, who));
