/**
 * Vesting's invariants for pallet tests: every account with schedules has a `vesting ` lock of at
 * least what its schedules lock now and at most what they locked at the start, and no account
 * without schedules has one.
 */
import { bytesEqual, toHex } from "@canary/primitives";
import type { BalancesInstance } from "../balances/index.ts";
import { lockedAt, VESTING_ID, type VestingInstance } from "../vesting/index.ts";
import type { MockChain } from "./mockRuntime.ts";

export function checkVestingInvariants(
  chain: MockChain & { balances: BalancesInstance; vesting: VestingInstance },
): string[] {
  const problems: string[] = [];
  chain.run(() => {
    const now = chain.system.storage.Number.get();
    const vesting = new Map<string, bigint>();
    for (const [[who], locks] of chain.balances.storage.Locks.entries()) {
      const lock = locks.find((l) => bytesEqual(l.id, VESTING_ID));
      if (lock) vesting.set(toHex(who), lock.amount);
    }
    for (const [[who], schedules] of chain.vesting.storage.Vesting.entries()) {
      const id = toHex(who);
      const lock = vesting.get(id) ?? 0n;
      vesting.delete(id);
      const lockedNow = schedules.reduce((t, s) => t + lockedAt(s, now), 0n);
      const lockedAtStart = schedules.reduce((t, s) => t + s.locked, 0n);
      if (schedules.length === 0) problems.push(`${id}: an empty schedule list is stored`);
      if (lock < lockedNow) problems.push(`${id}: lock ${lock} below what vests later (${lockedNow})`);
      if (lock > lockedAtStart) problems.push(`${id}: lock ${lock} above its schedules (${lockedAtStart})`);
    }
    for (const id of vesting.keys()) problems.push(`${id}: a vesting lock without schedules`);
  });
  return problems;
}
