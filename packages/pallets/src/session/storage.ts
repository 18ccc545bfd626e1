/**
 * Session's storage, with FRAME's item names. Items holding keys name the runtime's `SessionKeys`
 * type, so storage is declared per runtime (its crate) and per key-type list.
 */
import { map, type RuntimeContext, value } from "@canary/frame";
import { AccountId32, Bytes, bool, FixedBytes, Tuple, u32, Vec } from "@canary/primitives";
import { type SessionKeyType, sessionKeysCodec } from "./types.ts";

const KeyTypeId = FixedBytes(4, "KeyTypeId");

export const storage = (runtime: RuntimeContext, { keyTypes }: { keyTypes: readonly SessionKeyType[] }) => {
  const Keys = sessionKeysCodec(runtime.crate, keyTypes);
  return {
    Validators: value({ value: Vec(AccountId32), default: [], docs: ["The current set of validators."] }),
    CurrentIndex: value({ value: u32, default: 0, docs: ["Current index of the session."] }),
    QueuedChanged: value({
      value: bool,
      default: false,
      docs: [
        "True if the underlying economic identities or weighting behind the validators",
        "has changed in the queued validator set.",
      ],
    }),
    QueuedKeys: value({
      value: Vec(Tuple(AccountId32, Keys)),
      default: [],
      docs: [
        "The queued keys for the next session. When the next session begins, these keys",
        "will be used to determine the validator's session keys.",
      ],
    }),
    DisabledValidators: value({
      value: Vec(u32),
      default: [],
      docs: ["Indices of disabled validators, sorted."],
    }),
    NextKeys: map("Twox64Concat", AccountId32, {
      value: Keys,
      docs: ["The next session keys for a validator."],
    }),
    KeyOwner: map("Twox64Concat", Tuple(KeyTypeId, Bytes), {
      value: AccountId32,
      docs: ["The owner of a key. The key is the `KeyTypeId` + the encoded key."],
    }),
  };
};
