/**
 * What the runtime supplies to Authorship, and what its parts receive: how to find the block's
 * author in the pre-runtime digests (Kusama: BABE's authority index mapped to Session's validator),
 * and who is told of it.
 */
import type { PalletSelf, StorageOf } from "@canary/frame";
import type { AccountId32, DigestItem } from "@canary/primitives";
import type { SystemInstance } from "../system/index.ts";
import type { storage } from "./storage.ts";

export interface AuthorshipConfig {
  system: SystemInstance;
  /** FRAME's `FindAuthor`: the author named by the block's pre-runtime digests, if any. */
  findAuthor: (preRuntime: readonly DigestItem[]) => AccountId32 | undefined;
  /** FRAME's `EventHandler::note_author` (staking's reward points later). */
  noteAuthor: (author: AccountId32) => void;
}

export type AuthorshipSelf = PalletSelf<AuthorshipConfig, StorageOf<typeof storage>>;
