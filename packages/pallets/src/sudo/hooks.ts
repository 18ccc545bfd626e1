/** Sudo has no per-block hooks. */
import type { Hooks } from "@canary/frame";

export const hooks: Hooks = {};
