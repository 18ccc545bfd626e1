/** A session ends when the runtime's rule says so (Kusama: a BABE epoch change), at a block's start. */
import type { Hooks } from "@canary/frame";
import type { SessionSelf } from "./config.ts";
import { weights } from "./weights.ts";

export const hooks = (self: SessionSelf, rotate: () => void): Hooks => ({
  onInitialize: (block) => {
    if (!self.config.shouldEndSession(block)) return weights.rotate(0);
    rotate();
    return weights.rotate(self.storage.Validators.get().length);
  },
});
