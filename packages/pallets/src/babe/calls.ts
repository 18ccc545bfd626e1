/**
 * BABE's calls, with FRAME's indices. `plan_config_change` (2) lets Root change the epoch
 * configuration from the epoch after next. The equivocation reports (0, 1) come with the key
 * ownership proofs and offences they need.
 */
import { call, ensureRoot } from "@canary/frame";
import { BabeEquivocationProof } from "@canary/primitives";
import { equivocationCalls } from "../offences/equivocation.ts";
import type { BabeSelf } from "./config.ts";
import type { equivocationFns } from "./equivocation.ts";
import { NextConfigDescriptor } from "./types.ts";
import { weights } from "./weights.ts";

const REPORT_DOCS = [
  "Report authority equivocation/misbehavior. This method will verify",
  "the equivocation proof and validate the given key ownership proof",
  "against the extracted offender. If both are valid, the offence will",
  "be reported.",
];

export const calls = (self: BabeSelf, equivocation: ReturnType<typeof equivocationFns>) => ({
  ...equivocationCalls(BabeEquivocationProof, weights.reportEquivocation, REPORT_DOCS, equivocation.report),
  plan_config_change: call({
    index: 2,
    args: { config: NextConfigDescriptor },
    weight: weights.planConfigChange,
    class: "Operational",
    docs: [
      "Plan an epoch config change. The epoch config change is recorded and will be enacted on",
      "the next call to `enact_epoch_change`. The config will be activated one epoch after.",
      "Multiple calls to this method will replace any existing planned config change that had",
      "not been enacted yet.",
    ],
    dispatch: (origin, { config }) => {
      ensureRoot(origin);
      const { c, allowedSlots } = config.value;
      // As FRAME: primary-only slots need a non-zero c, and c's denominator cannot be zero.
      const valid = (c[0] !== 0n || allowedSlots !== "PrimarySlots") && c[1] !== 0n;
      if (!valid) throw self.fail("InvalidConfiguration");
      self.storage.PendingEpochConfigChange.set(config);
    },
  }),
});
