/** Claims' storage, with the names and `Identity` hashers of Kusama's claims pallet. */
import { map, value } from "@canary/frame";
import { AccountId32, u128 } from "@canary/primitives";
import { ClaimVesting, EthereumAddress, StatementKind } from "./types.ts";

export const storage = {
  Claims: map("Identity", EthereumAddress, { value: u128 }),
  Total: value({ value: u128, default: 0n }),
  Vesting: map("Identity", EthereumAddress, {
    value: ClaimVesting,
    docs: [
      "Vesting schedule for a claim.",
      "First balance is the total amount that should be held for vesting.",
      "Second balance is how much should be unlocked per block.",
      "The block number is when the vesting should start.",
    ],
  }),
  Signing: map("Identity", EthereumAddress, {
    value: StatementKind,
    docs: ["The statement kind that must be signed, if any."],
  }),
  Preclaims: map("Identity", AccountId32, {
    value: EthereumAddress,
    docs: ["Pre-claimed Ethereum accounts, by the Account ID that they are claimed to."],
  }),
};
