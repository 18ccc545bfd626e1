/** ValidatorManager has no per-block hooks: it acts when Session asks for the next validators. */
import type { Hooks } from "@canary/frame";

export const hooks: Hooks = {};
