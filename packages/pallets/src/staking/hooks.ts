/** Staking's per-block work: the active era's start is its first block's timestamp (`on_finalize`). */
import type { Hooks } from "@canary/frame";

export const hooks = (noteEraStart: () => void): Hooks => ({ onFinalize: () => noteEraStart() });
