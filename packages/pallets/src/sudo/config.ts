/** What the runtime supplies to Sudo (nothing: it dispatches through its runtime), and what its parts receive. */
import type { PalletSelf, StorageOf } from "@canary/frame";
import type { errors } from "./errors.ts";
import type { events } from "./events.ts";
import type { storage } from "./storage.ts";

export type SudoConfig = Record<string, never>;

export type SudoSelf = PalletSelf<SudoConfig, StorageOf<typeof storage>, typeof events, typeof errors>;
