/** Vesting's storage, with FRAME's item names. */
import { map, value } from "@canary/frame";
import { AccountId32, Vec } from "@canary/primitives";
import { Releases, VestingInfo } from "./types.ts";

export const storage = {
  Vesting: map("Blake2_128Concat", AccountId32, {
    value: Vec(VestingInfo),
    docs: ["Information regarding the vesting of a given account."],
  }),
  StorageVersion: value({
    value: Releases,
    default: { tag: "V0" } as Releases,
    docs: [
      "Storage version of the pallet.",
      "",
      "New networks start with latest version, as determined by the genesis build.",
    ],
  }),
};
