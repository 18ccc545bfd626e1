/** Transaction payment's storage, with FRAME's item names. */
import { value } from "@canary/frame";
import { FIXED_ONE, Multiplier, Releases } from "./types.ts";

export const storage = {
  NextFeeMultiplier: value({ value: Multiplier, default: FIXED_ONE }),
  StorageVersion: value({ value: Releases, default: { tag: "V1Ancient" } }),
};
