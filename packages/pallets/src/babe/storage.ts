/** BABE's storage, with FRAME's item names and types. */
import { map, value } from "@canary/frame";
import { Option, Tuple, u32, u64, Vec } from "@canary/primitives";
import { Authority, BabeEpochConfiguration, NextConfigDescriptor, PreDigest, Randomness } from "./types.ts";

const ZERO = new Uint8Array(32);

export const storage = {
  EpochIndex: value({ value: u64, default: 0n, docs: ["Current epoch index."] }),
  Authorities: value({ value: Vec(Authority), default: [], docs: ["Current epoch authorities."] }),
  GenesisSlot: value({
    value: u64,
    default: 0n,
    docs: [
      "The slot at which the first epoch actually started. This is 0",
      "until the first block of the chain.",
    ],
  }),
  CurrentSlot: value({ value: u64, default: 0n, docs: ["Current slot number."] }),
  Randomness: value({
    value: Randomness,
    default: ZERO,
    docs: ["The epoch randomness for the *current* epoch."],
  }),
  PendingEpochConfigChange: value({
    value: NextConfigDescriptor,
    docs: ["Pending epoch configuration change that will be applied when the next epoch is enacted."],
  }),
  NextRandomness: value({ value: Randomness, default: ZERO, docs: ["Next epoch randomness."] }),
  NextAuthorities: value({ value: Vec(Authority), default: [], docs: ["Next epoch authorities."] }),
  SegmentIndex: value({ value: u32, default: 0, docs: ["Randomness under construction."] }),
  UnderConstruction: map("Twox64Concat", u32, {
    value: Vec(Randomness),
    default: [],
    docs: ["TWOX-NOTE: `SegmentIndex` is an increasing integer, so this is okay."],
  }),
  Initialized: value({
    value: Option(PreDigest),
    docs: [
      "Temporary value (cleared at block finalization) which is `Some`",
      "if per-block initialization has already been called for current block.",
    ],
  }),
  AuthorVrfRandomness: value({
    value: Option(Randomness),
    default: undefined,
    docs: [
      "This field should always be populated during block processing unless",
      "secondary plain slots are enabled (which don't contain a VRF output).",
    ],
  }),
  EpochStart: value({
    value: Tuple(u32, u32),
    default: [0, 0],
    docs: ["The block numbers when the last and current epoch have started, respectively `N-1` and", "`N`."],
  }),
  Lateness: value({
    value: u32,
    default: 0,
    docs: ["How late the current block is compared to its parent."],
  }),
  EpochConfig: value({ value: BabeEpochConfiguration, docs: ["The configuration for the current epoch."] }),
  NextEpochConfig: value({
    value: BabeEpochConfiguration,
    docs: [
      "The configuration for the next epoch, `None` if the config will not change",
      "(you can fallback to `EpochConfig` instead in that case).",
    ],
  }),
  SlotDuration: value({
    value: u64,
    docs: [
      "Canary: the slot length in milliseconds, chosen at genesis (`ExpectedBlockTime` when",
      "unset). Each block's timestamp falls in its slot: `timestamp / SlotDuration == CurrentSlot`.",
    ],
  }),
  EpochLength: value({
    value: u64,
    docs: [
      "Canary: slots per epoch, chosen at genesis (`EpochDuration` when unset). Fixed for the",
      "life of the chain: epoch boundaries are computed from it.",
    ],
  }),
  SkippedEpochs: value({
    value: Vec(Tuple(u64, u32)),
    default: [],
    docs: [
      "A list of the last 100 skipped epochs and the corresponding session index",
      "when the epoch was skipped.",
    ],
  }),
};
