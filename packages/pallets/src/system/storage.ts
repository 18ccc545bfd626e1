/** System's storage, with FRAME's item names (clients read these keys directly). */
import { bindStorage, map, value, ZERO_WEIGHT } from "@canary/frame";
import { AccountId32, Bytes, bool, Digest, H256, Tuple, u32, Vec } from "@canary/primitives";
import {
  AccountInfo,
  CodeUpgradeAuthorization,
  ConsumedWeight,
  DEFAULT_ACCOUNT,
  EventRecord,
  LastRuntimeUpgradeInfo,
  Phase,
} from "./types.ts";

const ZERO_HASH = new Uint8Array(32);

export const storage = bindStorage("System", {
  Account: map("Blake2_128Concat", AccountId32, {
    value: AccountInfo,
    default: DEFAULT_ACCOUNT,
    docs: ["The full account information for a particular account ID."],
  }),
  ExtrinsicCount: value({ value: u32, docs: ["Total extrinsics count for the current block."] }),
  InherentsApplied: value({
    value: bool,
    default: false,
    docs: ["Whether all inherents have been applied."],
  }),
  BlockWeight: value({
    value: ConsumedWeight,
    default: { normal: ZERO_WEIGHT, operational: ZERO_WEIGHT, mandatory: ZERO_WEIGHT },
    docs: ["The current weight for the block."],
  }),
  AllExtrinsicsLen: value({
    value: u32,
    docs: ["Total length (in bytes) for all extrinsics put together, for the current block."],
  }),
  BlockHash: map("Twox64Concat", u32, {
    value: H256,
    default: ZERO_HASH,
    docs: ["Map of block numbers to block hashes."],
  }),
  ExtrinsicData: map("Twox64Concat", u32, {
    value: Bytes,
    default: new Uint8Array(0),
    docs: ["Extrinsics data for the current block (maps an extrinsic's index to its data)."],
  }),
  Number: value({ value: u32, default: 0, docs: ["The current block number being processed."] }),
  ParentHash: value({ value: H256, default: ZERO_HASH, docs: ["Hash of the previous block."] }),
  Digest: value({
    value: Digest,
    default: [],
    docs: ["Digest of the current block, also part of the block header."],
  }),
  Events: value({ value: Vec(EventRecord), default: [], docs: ["Events deposited for the current block."] }),
  EventCount: value({ value: u32, default: 0, docs: ["The number of events in the `Events<T>` list."] }),
  EventTopics: map("Blake2_128Concat", H256, {
    value: Vec(Tuple(u32, u32)),
    default: [],
    docs: [
      "Mapping between a topic (represented by T::Hash) and a vector of indexes of events in the `<Events<T>>` list.",
    ],
  }),
  LastRuntimeUpgrade: value({
    value: LastRuntimeUpgradeInfo,
    docs: ["Stores the `spec_version` and `spec_name` of when the last runtime upgrade happened."],
  }),
  UpgradedToU32RefCount: value({
    value: bool,
    default: false,
    docs: ["True if we have upgraded so that `type RefCount` is `u32`."],
  }),
  UpgradedToTripleRefCount: value({
    value: bool,
    default: false,
    docs: ["True if we have upgraded so that AccountInfo contains three types of `RefCount`."],
  }),
  ExecutionPhase: value({ value: Phase, docs: ["The execution phase of the block."] }),
  AuthorizedUpgrade: value({
    value: CodeUpgradeAuthorization,
    docs: ["`Some` if a code upgrade has been authorized."],
  }),
});

/** Raw, unprefixed keys FRAME keeps outside any pallet: the ones the host knows too. */
export { WELL_KNOWN_KEYS } from "@canary/primitives";
