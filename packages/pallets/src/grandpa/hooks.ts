/** At the end of each block GRANDPA signals and enacts scheduled set changes, pauses and resumes. */
import type { Hooks } from "@canary/frame";
import type { ChangeFns } from "./changes.ts";
import { weights } from "./weights.ts";

export const hooks = ({ finalize }: ChangeFns): Hooks => ({
  // on_finalize's weight is charged up front, as FRAME does.
  onInitialize: () => weights.onFinalize(),
  onFinalize: (block) => finalize(block),
});
