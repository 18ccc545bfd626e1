/** Launch has no per-block work: the runtime asks its filter on every dispatch. */
import type { Hooks } from "@canary/frame";

export const hooks: Hooks = {};
