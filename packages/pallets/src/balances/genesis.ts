/** Balances' genesis: endowed accounts, each with a provider, and the total issuance they make up. */
import { CanaryError, toHex } from "@canary/primitives";
import { NEW_LOGIC_FLAG } from "../system/index.ts";
import { type AccountFns, U128_MAX } from "./account.ts";
import type { BalancesSelf } from "./config.ts";

export interface BalancesGenesis {
  balances: Array<[Uint8Array, bigint]>;
}

/** An account's bytes as a string (one char per byte): a cheap identity for the duplicate check. */
const idOf = (who: Uint8Array): string => String.fromCharCode.apply(null, who as unknown as number[]);

export function buildGenesis(
  { storage, config: c }: BalancesSelf,
  { accountData, storeData }: AccountFns,
  config: BalancesGenesis,
): void {
  const system = c.system.api;
  const own = c.accountStore === "own";
  // Nothing exists yet (the usual genesis): each account is created in one write, since the
  // duplicate check below already says it is new. Otherwise each is checked and updated.
  const fresh = !own && !system.anyAccountExists();
  let total = 0n;
  const seen = new Set<string>();
  for (const [who, free] of config.balances) {
    const id = idOf(who);
    if (seen.has(id))
      throw new CanaryError("BALANCES_GENESIS", `duplicate balances in genesis: ${toHex(who)}`);
    seen.add(id);
    // FRAME refuses genesis balances below the deposit: such an account could not exist.
    if (free < c.existentialDeposit) {
      throw new CanaryError(
        "BALANCES_GENESIS",
        `${toHex(who)}: genesis balance ${free} is below the existential deposit`,
      );
    }
    total += free;
    if (total > U128_MAX) throw new CanaryError("BALANCES_GENESIS", "genesis total issuance overflows u128");
    if (fresh) {
      system.createGenesisAccount(who, { free, reserved: 0n, frozen: 0n, flags: NEW_LOGIC_FLAG });
      continue;
    }
    const exists = own ? storage.Account.contains(who) : system.accountExists(who);
    if (exists) throw new CanaryError("BALANCES_GENESIS", `${toHex(who)}: account already exists`);
    system.incProviders(who);
    storeData(who, { ...accountData(who), free, reserved: 0n, frozen: 0n });
  }
  storage.TotalIssuance.set(total);
}
