/** Vesting has no per-block work: locks are recomputed when someone calls `vest` (as FRAME). */
import type { Hooks } from "@canary/frame";

export const hooks: Hooks = {};
