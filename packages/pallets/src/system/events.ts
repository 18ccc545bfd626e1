/** System's events; indices are FRAME's, so explorers and clients decode them unchanged. */
import { DispatchErrorCodec, DispatchInfoCodec, event } from "@canary/frame";
import { AccountId32, bool, H256 } from "@canary/primitives";

export const events = {
  ExtrinsicSuccess: event(0, { dispatch_info: DispatchInfoCodec }, ["An extrinsic completed successfully."]),
  ExtrinsicFailed: event(1, { dispatch_error: DispatchErrorCodec, dispatch_info: DispatchInfoCodec }, [
    "An extrinsic failed.",
  ]),
  CodeUpdated: event(2, {}, ["`:code` was updated."]),
  NewAccount: event(3, { account: AccountId32 }, ["A new account was created."]),
  KilledAccount: event(4, { account: AccountId32 }, ["An account was reaped."]),
  Remarked: event(5, { sender: AccountId32, hash: H256 }, ["On on-chain remark happened."]),
  UpgradeAuthorized: event(6, { code_hash: H256, check_version: bool }, ["An upgrade was authorized."]),
};
