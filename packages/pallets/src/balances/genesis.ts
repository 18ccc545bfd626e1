/** Balances' genesis: endowed accounts, each with a provider, and the total issuance they make up. */
import { CanaryError, toHex } from "@canary/primitives";
import { accountExists, incProviders, setAccountData } from "../system/index.ts";
import { U128_MAX } from "./account.ts";
import { existentialDeposit } from "./config.ts";
import { storage } from "./storage.ts";

export interface BalancesGenesis {
  balances: Array<[Uint8Array, bigint]>;
}

export function buildGenesis(config: BalancesGenesis): void {
  let total = 0n;
  const seen = new Set<string>();
  for (const [who, free] of config.balances) {
    const id = toHex(who);
    if (seen.has(id)) throw new CanaryError("BALANCES_GENESIS", `duplicate balances in genesis: ${id}`);
    seen.add(id);
    // FRAME refuses genesis balances below the deposit: such an account could not exist.
    if (free < existentialDeposit()) {
      throw new CanaryError(
        "BALANCES_GENESIS",
        `${id}: genesis balance ${free} is below the existential deposit`,
      );
    }
    total += free;
    if (total > U128_MAX) throw new CanaryError("BALANCES_GENESIS", "genesis total issuance overflows u128");
    if (accountExists(who)) throw new CanaryError("BALANCES_GENESIS", `${id}: account already exists`);
    incProviders(who);
    setAccountData(who, { free, reserved: 0n, frozen: 0n, flags: 1n << 127n });
  }
  storage.TotalIssuance.set(total);
}
