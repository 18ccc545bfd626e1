/** System has no per-block hooks of its own: the executive drives `initializeBlock`/`finalizeBlock` (block.ts). */
import type { Hooks } from "@canary/frame";

export const hooks: Hooks = {};
