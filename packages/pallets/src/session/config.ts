/**
 * What the runtime supplies to Session, and what its parts receive: its key types, when a session
 * ends (Kusama: with each BABE epoch), who decides the next validators, and who hears of them.
 */
import type { PalletSelf, StorageOf } from "@canary/frame";
import type { SystemInstance } from "../system/index.ts";
import type { errors } from "./errors.ts";
import type { events } from "./events.ts";
import type { storage } from "./storage.ts";
import type { SessionHandler, SessionKeyType, SessionManager } from "./types.ts";

export interface SessionConfig {
  system: SystemInstance;
  /** The runtime's session key types, in its `SessionKeys` order. */
  keyTypes: readonly SessionKeyType[];
  /** FRAME's `ShouldEndSession` (Kusama: BABE's epoch change), asked at the start of each block. */
  shouldEndSession: (block: number) => boolean;
  sessionManager: SessionManager;
  /** FRAME's `SessionHandler` tuple; a function since handlers may be composed after Session. */
  handlers: () => readonly SessionHandler[];
}

export type SessionSelf = PalletSelf<SessionConfig, StorageOf<typeof storage>, typeof events, typeof errors>;
