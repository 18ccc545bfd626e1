/**
 * The author is found and noted when the block starts (FRAME's `on_initialize`) and forgotten when
 * it ends, so the next block finds its own.
 */
import type { Hooks } from "@canary/frame";
import type { AuthorshipSelf } from "./config.ts";
import { weights } from "./weights.ts";

export const hooks = (self: AuthorshipSelf, author: () => Uint8Array | undefined): Hooks => ({
  onInitialize: () => {
    const who = author();
    if (who) self.config.noteAuthor(who);
    return weights.onInitialize();
  },
  onFinalize: () => self.storage.Author.kill(),
});
