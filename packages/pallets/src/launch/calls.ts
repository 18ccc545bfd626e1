/** Launch's call: Root lifts the restriction, once. */
import { call, ensureRoot, weight } from "@canary/frame";
import { WRITE } from "../system/weights.ts";
import type { LaunchSelf } from "./config.ts";

export const calls = (self: LaunchSelf) => ({
  lift_restriction: call({
    index: 0,
    args: {},
    weight: weight(5_000_000n + WRITE),
    docs: ["Lift the launch restriction: transfers and every other call become available."],
    dispatch: (origin) => {
      ensureRoot(origin);
      if (!self.storage.Restricted.get()) throw self.fail("NotRestricted");
      self.storage.Restricted.set(false);
      self.emit("RestrictionLifted", {});
    },
  }),
});
