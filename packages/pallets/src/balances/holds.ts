/**
 * Holds (FRAME's `MutateHold`): reserved funds recorded by reason, so each pallet that holds
 * funds (preimage deposits, staking) releases exactly its own. The held amount counts in the
 * account's `reserved`.
 */
import type { AccountId32 } from "@canary/primitives";
import { transactional } from "./account.ts";
import type { BalancesSelf } from "./config.ts";
import type { Reserves } from "./reserves.ts";
import type { HoldReason } from "./types.ts";

export function holdFns(self: BalancesSelf, { reserve, unreserve }: Reserves) {
  const { storage, config } = self;

  function balanceOnHold(reason: HoldReason, who: AccountId32): bigint {
    return storage.Holds.get(who).find((h) => h.id.tag === reason)?.amount ?? 0n;
  }

  /** Moves `amount` from free to held under `reason`, with `reserve`'s checks; `TooManyHolds` past the limit. */
  function hold(reason: HoldReason, who: AccountId32, amount: bigint): void {
    if (amount === 0n) return;
    transactional(() => {
      const holds = [...storage.Holds.get(who)]; // a copy: an absent entry reads as the shared default
      const at = holds.findIndex((h) => h.id.tag === reason);
      if (at >= 0) holds[at] = { id: { tag: reason }, amount: holds[at]!.amount + amount };
      else {
        if (holds.length >= config.maxHolds) throw self.fail("TooManyHolds");
        holds.push({ id: { tag: reason }, amount });
      }
      reserve(who, amount);
      storage.Holds.set(who, holds);
    });
  }

  /** Releases up to `amount` held under `reason` back to free; returns what was released. */
  function release(reason: HoldReason, who: AccountId32, amount: bigint): bigint {
    const holds = [...storage.Holds.get(who)]; // a copy: an absent entry reads as the shared default
    const at = holds.findIndex((h) => h.id.tag === reason);
    if (at < 0 || amount === 0n) return 0n;
    return transactional(() => {
      const entry = holds[at]!;
      const share = amount < entry.amount ? amount : entry.amount;
      const released = share - unreserve(who, share);
      const remaining = entry.amount - released;
      if (remaining === 0n) holds.splice(at, 1);
      else holds[at] = { id: entry.id, amount: remaining };
      if (holds.length === 0) storage.Holds.remove(who);
      else storage.Holds.set(who, holds);
      return released;
    });
  }

  return { balanceOnHold, hold, release };
}
