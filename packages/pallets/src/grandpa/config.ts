/** What the runtime supplies to GRANDPA, and what its parts receive. */
import type { PalletSelf, StorageOf } from "@canary/frame";
import type { EquivocationReporting } from "../offences/equivocation.ts";
import type { SystemInstance } from "../system/index.ts";
import type { errors } from "./errors.ts";
import type { events } from "./events.ts";
import type { storage } from "./storage.ts";

export interface GrandpaConfig {
  system: SystemInstance;
  /** The current session index, recorded against each set id (`SetIdSession`). */
  currentSession: () => number;
  /** How many `SetIdSession` entries are kept (Kusama: bonding duration × sessions per era). */
  maxSetIdSessionEntries: bigint;
  /** Key ownership proofs and offences for equivocation reports; without it every report is refused. */
  equivocation?: () => EquivocationReporting | undefined;
}

export type GrandpaSelf = PalletSelf<GrandpaConfig, StorageOf<typeof storage>, typeof events, typeof errors>;
