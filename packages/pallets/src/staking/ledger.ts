/**
 * Bonded funds (`StakingLedger`): reading a stash's ledger, writing it with the `staking ` lock
 * that keeps its total in place, removing a stash entirely, and the ledger arithmetic of
 * unbonding, rebonding, withdrawing and slashing. Controllers are stashes (Kusama since 2023).
 */
import { mulCeil, PERQUINTILL, satSub } from "./arithmetic.ts";
import type { StakingSelf } from "./config.ts";
import type { StakingLedger } from "./types.ts";

/** The lock id of bonded funds (`STAKING_ID`). */
export const STAKING_ID = Uint8Array.from("staking ", (c) => c.charCodeAt(0));

export function ledgerFns(self: StakingSelf) {
  const { storage, config } = self;
  const currency = config.currency.api;

  /** The ledger of `stash`, through its controller. */
  const ledgerOfStash = (stash: Uint8Array): StakingLedger | undefined => {
    const controller = storage.Bonded.get(stash);
    return controller ? storage.Ledger.get(controller) : undefined;
  };

  /** Stores the ledger and locks its total on the stash (`StakingLedger::update`). */
  function update(ledger: StakingLedger): void {
    currency.setLock(STAKING_ID, ledger.stash, ledger.total);
    storage.Ledger.set(ledger.stash, ledger);
  }

  /** Removes the stash's bond, payee, lock and the consumer bonding took (`StakingLedger::kill`). */
  function kill(stash: Uint8Array): void {
    storage.Bonded.remove(stash);
    storage.Ledger.remove(stash);
    storage.Payee.remove(stash);
    currency.removeLock(STAKING_ID, stash);
    config.system.api.decConsumers(stash);
  }

  return { ledgerOfStash, update, kill };
}

export type LedgerFns = ReturnType<typeof ledgerFns>;

/** Frees the chunks whose era has come (`consolidate_unlocked`). */
export function consolidateUnlocked(ledger: StakingLedger, currentEra: number): StakingLedger {
  let total = ledger.total;
  const unlocking = ledger.unlocking.filter((chunk) => {
    if (chunk.era > currentEra) return true;
    total -= chunk.value;
    return false;
  });
  return { ...ledger, total, unlocking };
}

/** Moves up to `value` from the newest unlocking chunks back to active (`StakingLedger::rebond`). */
export function rebond(ledger: StakingLedger, value: bigint): [StakingLedger, bigint] {
  const unlocking = ledger.unlocking.map((c) => ({ ...c }));
  let active = ledger.active;
  let rebonded = 0n;
  while (unlocking.length > 0) {
    const last = unlocking[unlocking.length - 1]!;
    if (rebonded + last.value <= value) {
      rebonded += last.value;
      active += last.value;
      unlocking.pop();
    } else {
      const diff = value - rebonded;
      rebonded += diff;
      active += diff;
      last.value -= diff;
    }
    if (rebonded >= value) break;
  }
  return [{ ...ledger, active, unlocking }, rebonded];
}

/**
 * Takes `amount` out of the ledger (`StakingLedger::slash`): chunks unlocking at or after
 * `slashEra + bondingDuration` were bonded when the offence happened and share the slash with the
 * active balance in proportion; otherwise the active balance goes first, then the newest chunks.
 * Remainders below the existential deposit go too. Returns the ledger and what it lost.
 */
export function slashLedger(
  ledger: StakingLedger,
  amount: bigint,
  existentialDeposit: bigint,
  slashEra: number,
  bondingDuration: number,
): [StakingLedger, bigint] {
  if (amount === 0n) return [ledger, 0n];
  const out: StakingLedger = { ...ledger, unlocking: ledger.unlocking.map((c) => ({ ...c })) };
  const slashableFrom = slashEra + bondingDuration;
  const first = out.unlocking.findIndex((c) => c.era >= slashableFrom);
  let ratio: bigint | undefined;
  let order: number[];
  if (first >= 0) {
    const affected = out.unlocking.slice(first).reduce((s, c) => s + c.value, 0n);
    const base = out.active + affected;
    // Perquintill::from_rational_with_rounding(amount, base, Up), one when it exceeds.
    ratio = base === 0n || amount >= base ? PERQUINTILL : (amount * PERQUINTILL + base - 1n) / base;
    order = [...range(first, out.unlocking.length), ...range(0, first).reverse()];
  } else {
    order = range(0, out.unlocking.length).reverse();
  }
  let remaining = amount;
  const slashOutOf = (target: bigint): bigint => {
    let take = ratio === undefined ? remaining : mulCeil(ratio, target, PERQUINTILL);
    if (take > target) take = target;
    if (take > remaining) take = remaining;
    let left = target - take;
    if (left < existentialDeposit) {
      take += left;
      left = 0n;
    }
    out.total = satSub(out.total, take);
    remaining = satSub(remaining, take);
    return left;
  };
  out.active = slashOutOf(out.active);
  for (const i of order) {
    if (remaining === 0n) break;
    const chunk = out.unlocking[i]!;
    chunk.value = slashOutOf(chunk.value);
  }
  out.unlocking = out.unlocking.filter((c) => c.value !== 0n);
  return [out, ledger.total - out.total];
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
