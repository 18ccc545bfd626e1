/** Launch's call: Root lifts the restriction, once. */
import { call, ensureRoot } from "@canary/frame";
import type { LaunchSelf } from "./config.ts";
import { weights } from "./weights.ts";

export const calls = (self: LaunchSelf) => ({
  lift_restriction: call({
    index: 0,
    args: {},
    weight: weights.liftRestriction(),
    docs: ["Lift the launch restriction: transfers and every other call become available."],
    dispatch: (origin) => {
      ensureRoot(origin);
      if (!self.storage.Restricted.get()) throw self.fail("NotRestricted");
      self.storage.Restricted.set(false);
      self.emit("RestrictionLifted", {});
    },
  }),
});
