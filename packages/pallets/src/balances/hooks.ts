/** Balances has no per-block work: every change happens inside a call or another pallet's request. */
import type { Hooks } from "@canary/frame";

export const hooks: Hooks = {};
