/** Paying out a claim (`process_claim`) and recovering its signer, shared by the calls and validation. */
import type { AccountId32 } from "@canary/primitives";
import type { ClaimsSelf } from "./config.ts";
import { ethRecover } from "./message.ts";

export function claimFns(self: ClaimsSelf) {
  const { storage, config } = self;

  /** The Ethereum address that signed a claim for `dest` (with `statement` for `claim_attest`). */
  const recoverSigner = (signature: Uint8Array, dest: AccountId32, statement: Uint8Array) =>
    ethRecover(config.prefix, signature, dest, statement);

  /**
   * Pays `signer`'s claim to `dest`: checks everything first (`SignerHasNoClaim`, `PotUnderflow`,
   * `VestedBalanceExists`), then deposits, adds the vesting schedule, and removes the claim.
   */
  function processClaim(signer: Uint8Array, dest: AccountId32): void {
    const due = storage.Claims.get(signer);
    if (due === undefined) throw self.fail("SignerHasNoClaim");
    const total = storage.Total.get();
    if (total < due) throw self.fail("PotUnderflow");
    const vesting = storage.Vesting.get(signer);
    const schedules = config.vesting.api;
    if (vesting !== undefined && schedules.vestingBalance(dest) !== undefined) {
      throw self.fail("VestedBalanceExists");
    }
    config.currency.api.deposit(dest, due);
    if (vesting !== undefined) {
      const [locked, per_block, starting_block] = vesting;
      schedules.addVestingSchedule(dest, { locked, per_block, starting_block });
    }
    storage.Total.set(total - due);
    storage.Claims.remove(signer);
    storage.Vesting.remove(signer);
    storage.Signing.remove(signer);
    self.emit("Claimed", { who: dest, ethereum_address: signer, amount: due });
  }

  return { recoverSigner, processClaim };
}

export type ClaimFns = ReturnType<typeof claimFns>;
