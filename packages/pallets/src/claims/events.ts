/** Claims' event, with Kusama's index and field names. */
import { event } from "@canary/frame";
import { AccountId32, u128 } from "@canary/primitives";
import { EthereumAddress } from "./types.ts";

export const events = {
  Claimed: event(0, { who: AccountId32, ethereum_address: EthereumAddress, amount: u128 }, [
    "Someone claimed some DOTs.",
  ]),
};
