/** Session's calls, with FRAME's indices: a validator sets or purges its keys for the next session. */
import { call, ensureSigned } from "@canary/frame";
import { Bytes } from "@canary/primitives";
import type { SessionSelf } from "./config.ts";
import type { KeyFns } from "./keys.ts";
import { sessionKeysCodec } from "./types.ts";
import { weights } from "./weights.ts";

export function calls(self: SessionSelf, { setKeys, purgeKeys }: KeyFns) {
  const { keyTypes } = self.config;
  const Keys = sessionKeysCodec(self.runtime.crate, keyTypes);
  return {
    set_keys: call({
      index: 0,
      args: { keys: Keys, proof: Bytes },
      weight: weights.setKeys(keyTypes.length),
      docs: [
        "Sets the session key(s) of the function caller to `keys`.",
        "Allows an account to set its session key prior to becoming a validator.",
        "This doesn't take effect until the next session.",
      ],
      // As Kusama's runtime today, the ownership proof is not checked.
      dispatch: (origin, { keys }) => setKeys(ensureSigned(origin), keys),
    }),
    purge_keys: call({
      index: 1,
      args: {},
      weight: weights.purgeKeys(keyTypes.length),
      docs: ["Removes any session key(s) of the function caller."],
      dispatch: (origin) => purgeKeys(ensureSigned(origin)),
    }),
  };
}
