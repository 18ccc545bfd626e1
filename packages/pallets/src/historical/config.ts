/** What the runtime supplies to Historical: Session, whose validators and keys it records. */
import type { PalletSelf, StorageOf } from "@canary/frame";
import type { SessionInstance } from "../session/index.ts";
import type { errors } from "./errors.ts";
import type { events } from "./events.ts";
import type { storage } from "./storage.ts";

export interface HistoricalConfig {
  /** A function: Session is composed before or after Historical. */
  session: () => SessionInstance;
}

export type HistoricalSelf = PalletSelf<
  HistoricalConfig,
  StorageOf<typeof storage>,
  typeof events,
  typeof errors
>;
