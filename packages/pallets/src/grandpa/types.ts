/**
 * GRANDPA's types, with Substrate's paths and byte layouts (reference/kusama-runtime.md §4.2,
 * light-client.md §4): authority lists, the stored state and pending change, and the consensus log
 * (engine `FRNK`) that tells nodes of set changes.
 */
import {
  Enum,
  type EnumValue,
  GrandpaAuthorityList,
  Option,
  Struct,
  Tuple,
  u8,
  u32,
  withIdentity,
} from "@canary/primitives";

export const AuthorityList = GrandpaAuthorityList;
export type AuthorityList = Array<[Uint8Array, bigint]>;

/** What `:grandpa_authorities` holds: `VersionedAuthorityList` = (version 1, list). */
export const VersionedAuthorityList = Tuple(u8, AuthorityList);
export const AUTHORITIES_VERSION = 1;

const scheduledAt = Struct({ scheduled_at: u32, delay: u32 }, "scheduled");
const stateVariants = {
  Live: [0],
  PendingPause: [1, scheduledAt],
  Paused: [2],
  PendingResume: [3, scheduledAt],
} as const;
export const StoredState = withIdentity(Enum(stateVariants, "StoredState"), {
  path: ["pallet_grandpa", "StoredState"],
});
export type StoredState = EnumValue<typeof stateVariants>;

export const StoredPendingChange = withIdentity(
  Struct(
    { scheduled_at: u32, delay: u32, next_authorities: AuthorityList, forced: Option(u32) },
    "StoredPendingChange",
  ),
  { path: ["pallet_grandpa", "StoredPendingChange"] },
);
export interface StoredPendingChange {
  scheduled_at: number;
  delay: number;
  next_authorities: AuthorityList;
  forced: number | undefined;
}

/** GRANDPA's consensus log (engine `FRNK`): primitives' codec, shared with the node. */
export { GrandpaConsensusLog as ConsensusLog } from "@canary/primitives";
