/**
 * Claims' genesis in Substrate's chain-spec shape: `claims: [[ethAddress, amount, preclaim?,
 * statement?]]` (a preclaim names the account that may `attest` for the address) and `vesting:
 * [[ethAddress, [locked, per_block, starting_block]]]`.
 */
import { type AccountId32, CanaryError, toHex } from "@canary/primitives";
import type { ClaimsSelf } from "./config.ts";
import type { ClaimVesting, StatementKind } from "./types.ts";

export interface ClaimsGenesis {
  claims: Array<[Uint8Array, bigint, AccountId32 | null | undefined, StatementKind | null | undefined]>;
  vesting?: Array<[Uint8Array, ClaimVesting]>;
}

export function buildGenesis({ storage }: ClaimsSelf, genesis: ClaimsGenesis): void {
  let total = 0n;
  for (const [address, amount, preclaim, statement] of genesis.claims) {
    if (address.length !== 20) {
      throw new CanaryError("CLAIMS_GENESIS", `${toHex(address)} is not a 20-byte Ethereum address`);
    }
    storage.Claims.set(address, amount);
    total += amount;
    if (statement) storage.Signing.set(address, { tag: statement });
    if (preclaim) storage.Preclaims.set(preclaim, address);
  }
  storage.Total.set(total);
  for (const [address, schedule] of genesis.vesting ?? []) storage.Vesting.set(address, schedule);
}
