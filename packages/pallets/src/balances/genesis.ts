/** Balances' genesis: endowed accounts, each with a provider, and the total issuance they make up. */
import { CanaryError, toHex } from "@canary/primitives";
import { type AccountFns, U128_MAX } from "./account.ts";
import type { BalancesSelf } from "./config.ts";

export interface BalancesGenesis {
  balances: Array<[Uint8Array, bigint]>;
}

export function buildGenesis(
  { storage, config: c }: BalancesSelf,
  { accountData, storeData }: AccountFns,
  config: BalancesGenesis,
): void {
  const { incProviders } = c.system.api;
  const exists = (who: Uint8Array) =>
    c.accountStore === "own" ? storage.Account.contains(who) : c.system.api.accountExists(who);
  let total = 0n;
  const seen = new Set<string>();
  for (const [who, free] of config.balances) {
    const id = toHex(who);
    if (seen.has(id)) throw new CanaryError("BALANCES_GENESIS", `duplicate balances in genesis: ${id}`);
    seen.add(id);
    // FRAME refuses genesis balances below the deposit: such an account could not exist.
    if (free < c.existentialDeposit) {
      throw new CanaryError(
        "BALANCES_GENESIS",
        `${id}: genesis balance ${free} is below the existential deposit`,
      );
    }
    total += free;
    if (total > U128_MAX) throw new CanaryError("BALANCES_GENESIS", "genesis total issuance overflows u128");
    if (exists(who)) throw new CanaryError("BALANCES_GENESIS", `${id}: account already exists`);
    incProviders(who);
    storeData(who, { ...accountData(who), free, reserved: 0n, frozen: 0n });
  }
  storage.TotalIssuance.set(total);
}
