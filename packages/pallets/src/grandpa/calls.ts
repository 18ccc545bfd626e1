/**
 * GRANDPA's calls, with FRAME's indices. `note_stalled` (2) lets Root force the next session's set
 * change when finality has stalled. The equivocation reports (0, 1) come with the key ownership
 * proofs and offences they need.
 */
import { call, ensureRoot } from "@canary/frame";
import { GrandpaEquivocationProof, u32 } from "@canary/primitives";
import { equivocationCalls } from "../offences/equivocation.ts";
import type { ChangeFns } from "./changes.ts";
import type { equivocationFns } from "./equivocation.ts";
import { weights } from "./weights.ts";

const REPORT_DOCS = [
  "Report voter equivocation/misbehavior. This method will verify the",
  "equivocation proof and validate the given key ownership proof",
  "against the extracted offender. If both are valid, the offence",
  "will be reported.",
];

export const calls = ({ onStalled }: ChangeFns, equivocation: ReturnType<typeof equivocationFns>) => ({
  ...equivocationCalls(
    GrandpaEquivocationProof,
    weights.reportEquivocation,
    REPORT_DOCS,
    equivocation.report,
  ),
  note_stalled: call({
    index: 2,
    args: { delay: u32, best_finalized_block_number: u32 },
    weight: weights.noteStalled,
    docs: [
      "Note that the current authority set of the GRANDPA finality gadget has stalled.",
      "",
      "This will trigger a forced authority set change at the beginning of the next session, to",
      "be enacted `delay` blocks after that. The `delay` should be high enough to safely assume",
      "that the block signalling the forced change will not be re-orged e.g. 1000 blocks.",
      "The block production rate (which may be slowed down because of finality lagging) should",
      "be taken into account when choosing the `delay`. The GRANDPA voters based on the new",
      "authority will start voting on top of `best_finalized_block_number` for new finalized",
      "blocks. `best_finalized_block_number` should be the highest of the latest finalized",
      "block of all validators of the new authority set.",
      "",
      "Only callable by root.",
    ],
    dispatch: (origin, { delay, best_finalized_block_number }) => {
      ensureRoot(origin);
      onStalled(delay, best_finalized_block_number);
    },
  }),
});
