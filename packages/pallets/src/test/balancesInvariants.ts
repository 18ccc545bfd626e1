/**
 * Balances' invariants, checked after every Balances test (DESIGN.md §7): the total issuance is
 * all free and reserved funds, no account is left holding dust, named reserves and holds fit in
 * the reserve, and `frozen` is exactly what the locks and freezes ask for.
 */
import { toHex } from "@canary/primitives";
import type { BalancesInstance } from "../balances/index.ts";
import type { MockChain } from "./mockRuntime.ts";

const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const sum = (items: ReadonlyArray<{ amount: bigint }>): bigint => items.reduce((s, i) => s + i.amount, 0n);

export function checkBalancesInvariants(chain: MockChain & { balances: BalancesInstance }): string[] {
  const problems: string[] = [];
  const balancesStorage = chain.balances.storage;
  const systemStorage = chain.system.storage;
  const ed = chain.balances.config.existentialDeposit;
  chain.run(() => {
    let total = 0n;
    const seen = new Set<string>();
    for (const [[who], info] of systemStorage.Account.entries()) {
      const id = toHex(who);
      seen.add(id);
      const { free, reserved, frozen } = info.data;
      total += free + reserved;
      if (free < 0n || reserved < 0n || frozen < 0n) problems.push(`${id}: negative balance`);
      if (free + reserved > 0n && free + reserved < ed) problems.push(`${id}: dust ${free + reserved} left`);
      if (free >= ed && info.providers === 0) problems.push(`${id}: endowed without a provider`);
      const locks = balancesStorage.Locks.get(who);
      const freezes = balancesStorage.Freezes.get(who);
      const wanted = max(
        locks.reduce((m, l) => max(m, l.amount), 0n),
        freezes.reduce((m, f) => max(m, f.amount), 0n),
      );
      if (frozen !== wanted) problems.push(`${id}: frozen ${frozen} but locks/freezes need ${wanted}`);
      const tracked = sum(balancesStorage.Reserves.get(who)) + sum(balancesStorage.Holds.get(who));
      if (reserved < tracked)
        problems.push(`${id}: reserved ${reserved} < named reserves + holds ${tracked}`);
      const consumersNeeded = (reserved > 0n || frozen > 0n ? 1 : 0) + (locks.length > 0 ? 1 : 0);
      if (info.consumers < consumersNeeded) {
        problems.push(`${id}: ${info.consumers} consumers, reserves/locks need ${consumersNeeded}`);
      }
    }
    const issuance = balancesStorage.TotalIssuance.get();
    if (issuance !== total) problems.push(`total issuance ${issuance} != sum of balances ${total}`);
    for (const map of [
      balancesStorage.Locks,
      balancesStorage.Reserves,
      balancesStorage.Holds,
      balancesStorage.Freezes,
    ]) {
      for (const [[who]] of map.entries()) {
        if (!seen.has(toHex(who))) problems.push(`${toHex(who)}: ${map.name} entry for a dead account`);
      }
    }
  });
  return problems;
}
