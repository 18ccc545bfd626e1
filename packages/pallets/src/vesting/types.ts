/** Vesting's stored types, with FRAME's type paths so clients decode them from metadata. */
import { Enum, type EnumValue, Struct, u32, u128, withIdentity } from "@canary/primitives";

/** A schedule: `locked` at `starting_block`, of which `per_block` is released every block after it. */
export interface VestingInfo {
  locked: bigint;
  per_block: bigint;
  starting_block: number;
}
export const VestingInfo = withIdentity(
  Struct({ locked: u128, per_block: u128, starting_block: u32 }, "VestingInfo"),
  {
    path: ["pallet_vesting", "vesting_info", "VestingInfo"],
    params: [
      { name: "Balance", type: u128.desc },
      { name: "BlockNumber", type: u32.desc },
    ],
  },
);

/** The storage layout version (`Releases`): V1 since multiple schedules per account. */
const releasesVariants = { V0: [0], V1: [1] } as const;
export const Releases = withIdentity(Enum(releasesVariants, "Releases"), {
  path: ["pallet_vesting", "Releases"],
});
export type Releases = EnumValue<typeof releasesVariants>;
