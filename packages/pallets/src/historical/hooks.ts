/** Historical has no per-block hooks: it acts when Session asks for a new session's validators. */
import type { Hooks } from "@canary/frame";

export const hooks: Hooks = {};
