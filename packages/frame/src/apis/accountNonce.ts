/** `frame_system_rpc_runtime_api::AccountNonceApi` v1, with Kusama's `AccountId32` and `u32` nonce. */
import { AccountId32, u32 } from "@canary/primitives";
import { declareApi, fn } from "../runtimeApi.ts";

export const AccountNonceApi = declareApi("AccountNonceApi", 1, {
  /** The nonce the account's next transaction must carry. */
  account_nonce: fn([["account", AccountId32]], u32),
});
