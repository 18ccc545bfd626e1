/** Balances' calls, with FRAME's call indices and argument names. */
import { call, ensureRoot, ensureSigned, lookupAccount as lookup } from "@canary/frame";
import { bool, compactU128, MultiAddress, u128 } from "@canary/primitives";
import type { currencyFns } from "./currency.ts";
import type { Reserves } from "./reserves.ts";
import { weights } from "./weights.ts";

type Currency = ReturnType<typeof currencyFns>;

/** Balances' calls for one instance. */
export const calls = (
  { burnFrom, setFreeBalance, transfer, transferAll }: Currency,
  { unreserve }: Reserves,
) => ({
  transfer_allow_death: call({
    index: 0,
    args: { dest: MultiAddress, value: compactU128 },
    weight: weights.transferAllowDeath,
    docs: ["Transfer some liquid free balance to another account; the sender may be reaped."],
    dispatch: (origin, { dest, value }) => {
      const source = ensureSigned(origin);
      transfer(source, lookup(dest), value, false);
    },
  }),
  force_transfer: call({
    index: 2,
    args: { source: MultiAddress, dest: MultiAddress, value: compactU128 },
    weight: weights.forceTransfer,
    docs: [
      "Exactly as `transfer_allow_death`, except the origin must be root and the source account may be specified.",
    ],
    dispatch: (origin, { source, dest, value }) => {
      ensureRoot(origin);
      transfer(lookup(source), lookup(dest), value, false);
    },
  }),
  transfer_keep_alive: call({
    index: 3,
    args: { dest: MultiAddress, value: compactU128 },
    weight: weights.transferKeepAlive,
    docs: ["Same as `transfer_allow_death`, but refuses to kill the sender account."],
    dispatch: (origin, { dest, value }) => {
      const source = ensureSigned(origin);
      transfer(source, lookup(dest), value, true);
    },
  }),
  transfer_all: call({
    index: 4,
    args: { dest: MultiAddress, keep_alive: bool },
    weight: weights.transferAll,
    docs: ["Transfer the entire transferable balance from the caller account."],
    dispatch: (origin, { dest, keep_alive }) => {
      const source = ensureSigned(origin);
      transferAll(source, lookup(dest), keep_alive);
    },
  }),
  force_unreserve: call({
    index: 5,
    args: { who: MultiAddress, amount: u128 },
    weight: weights.forceUnreserve,
    docs: ["Unreserve some balance from a user by force."],
    dispatch: (origin, { who, amount }) => {
      ensureRoot(origin);
      unreserve(lookup(who), amount);
    },
  }),
  force_set_balance: call({
    index: 8,
    args: { who: MultiAddress, new_free: compactU128 },
    weight: weights.forceSetBalance,
    docs: ["Set the regular balance of a given account."],
    dispatch: (origin, { who, new_free }) => {
      ensureRoot(origin);
      setFreeBalance(lookup(who), new_free);
    },
  }),
  burn: call({
    index: 10,
    args: { value: compactU128, keep_alive: bool },
    weight: weights.burn,
    docs: ["Burn the specified liquid free balance from the origin account."],
    dispatch: (origin, { value, keep_alive }) => {
      const source = ensureSigned(origin);
      burnFrom(source, value, keep_alive);
    },
  }),
});
