/**
 * pallet_authorship for Canary: the current block's author, from the consensus engine's
 * pre-runtime digest, for the fee split and (later) staking's reward points.
 */
import { definePallet, type PalletInstance } from "@canary/frame";
import type { AccountId32 } from "@canary/primitives";
import type { AuthorshipSelf } from "./config.ts";
import { hooks } from "./hooks.ts";
import { storage } from "./storage.ts";

/** The author of the block being executed, found once and kept until the block ends. */
function api(self: AuthorshipSelf) {
  return {
    author(): AccountId32 | undefined {
      const known = self.storage.Author.get();
      if (known) return known;
      const digest = self.config.system.storage.Digest.get().filter((d) => d.tag === "PreRuntime");
      const found = self.config.findAuthor(digest);
      if (found) self.storage.Author.set(found);
      return found;
    },
  };
}

export const Authorship = definePallet({
  name: "Authorship",
  storage,
  docs: ["Tracks the author of the current block."],
  build: (self: AuthorshipSelf) => {
    const offered = api(self);
    return { hooks: hooks(self, offered.author), api: offered };
  },
});

export type AuthorshipInstance = PalletInstance<AuthorshipSelf, ReturnType<typeof api>>;
export type { AuthorshipConfig, AuthorshipSelf } from "./config.ts";
