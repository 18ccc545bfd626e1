/** Launch's storage: whether the launch restriction still holds. */
import { value } from "@canary/frame";
import { bool } from "@canary/primitives";

export const storage = {
  Restricted: value({
    value: bool,
    default: false,
    docs: [
      "Whether only the launch's calls (staking, session, claims, vesting, sudo) may be dispatched by non-Root origins.",
    ],
  }),
};
