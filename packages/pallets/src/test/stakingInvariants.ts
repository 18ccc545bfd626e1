/**
 * Staking's invariants for pallet tests: every ledger's active plus unlocking is its total, its
 * total never exceeds its stash's free balance and is exactly its `staking ` lock; bonds and
 * ledgers pair up; only bonded stashes hold roles, and the role counters count them.
 */
import { bytesEqual, toHex } from "@canary/primitives";
import type { BalancesInstance } from "../balances/index.ts";
import { STAKING_ID, type StakingInstance } from "../staking/index.ts";
import type { MockChain } from "./mockRuntime.ts";

export function checkStakingInvariants(
  chain: MockChain & { balances: BalancesInstance; staking: StakingInstance },
): string[] {
  const problems: string[] = [];
  const s = chain.staking.storage;
  chain.run(() => {
    const locked = new Map<string, bigint>();
    for (const [[who], locks] of chain.balances.storage.Locks.entries()) {
      const lock = locks.find((l) => bytesEqual(l.id, STAKING_ID));
      if (lock) locked.set(toHex(who), lock.amount);
    }
    for (const [[controller], ledger] of s.Ledger.entries()) {
      const id = toHex(ledger.stash);
      const unlocking = ledger.unlocking.reduce((sum, c) => sum + c.value, 0n);
      if (ledger.active + unlocking !== ledger.total) {
        problems.push(`${id}: active ${ledger.active} + unlocking ${unlocking} != total ${ledger.total}`);
      }
      const free = chain.balances.api.freeBalance(ledger.stash);
      if (ledger.total > free) problems.push(`${id}: bonded ${ledger.total} exceeds free ${free}`);
      if (locked.get(id) !== ledger.total)
        problems.push(`${id}: lock ${locked.get(id)} != bonded ${ledger.total}`);
      locked.delete(id);
      const bonded = s.Bonded.get(ledger.stash);
      if (!bonded || !bytesEqual(bonded, controller)) problems.push(`${id}: ledger without its bond`);
    }
    for (const id of locked.keys()) problems.push(`${id}: staking lock without a ledger`);
    for (const [[stash]] of s.Bonded.entries()) {
      if (!s.Ledger.contains(stash)) problems.push(`${toHex(stash)}: bonded without a ledger`);
    }
    let validators = 0;
    for (const [[stash]] of s.Validators.entries()) {
      validators++;
      if (!s.Bonded.contains(stash)) problems.push(`${toHex(stash)}: validator without a bond`);
    }
    let nominators = 0;
    for (const [[stash]] of s.Nominators.entries()) {
      nominators++;
      if (!s.Bonded.contains(stash)) problems.push(`${toHex(stash)}: nominator without a bond`);
    }
    if (s.CounterForValidators.get() !== validators) problems.push(`CounterForValidators != ${validators}`);
    if (s.CounterForNominators.get() !== nominators) problems.push(`CounterForNominators != ${nominators}`);
  });
  return problems;
}
