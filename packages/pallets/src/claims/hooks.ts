/** Claims has no per-block work. */
import type { Hooks } from "@canary/frame";

export const hooks: Hooks = {};
