/** Sudo's calls, with FRAME's indices. Every call is free (Pays::No) for the key, as FRAME. */
import {
  addWeight,
  badOrigin,
  call,
  lookupAccount as lookup,
  type Origin,
  Root,
  type RuntimeCall,
  dispatchResult as result,
  signed,
  Weight,
} from "@canary/frame";
import { bytesEqual, MultiAddress } from "@canary/primitives";
import type { SudoSelf } from "./config.ts";
import { weights } from "./weights.ts";

/** Sudo's calls for one instance; inner calls are the runtime's and dispatched by it. */
export function calls(self: SudoSelf) {
  const { storage, runtime } = self;

  /** FRAME's `ensure_sudo`: Root, or a signed origin that is the key; None is a bad origin. */
  function ensureSudo(origin: Origin): void {
    if (origin.kind === "Root") return;
    if (origin.kind !== "Signed") throw badOrigin();
    const key = storage.Key.get();
    if (key === undefined || !bytesEqual(key, origin.who)) throw self.fail("RequireSudo");
  }

  const innerWeight = (c: RuntimeCall) => runtime.info(c).weight;

  return {
    sudo: call({
      index: 0,
      args: { call: runtime.callCodec },
      weight: (a) => addWeight(weights.sudo(), innerWeight(a.call)),
      class: (a) => runtime.info(a.call).class,
      docs: ["Authenticates the sudo key and dispatches a function call with `Root` origin."],
      dispatch: (origin, { call: inner }) => {
        ensureSudo(origin);
        const outcome = runtime.dispatch(Root, inner);
        self.emit("Sudid", { sudo_result: result(outcome) });
        return { paysFee: "No" };
      },
    }),
    sudo_unchecked_weight: call({
      index: 1,
      args: { call: runtime.callCodec, weight: Weight },
      weight: (a) => a.weight,
      docs: [
        "Authenticates the sudo key and dispatches a function call with `Root` origin.",
        "This function does not check the weight of the call, and instead allows the",
        "Sudo user to specify the weight of the call.",
      ],
      dispatch: (origin, { call: inner }) => {
        ensureSudo(origin);
        const outcome = runtime.dispatch(Root, inner);
        self.emit("Sudid", { sudo_result: result(outcome) });
        return { paysFee: "No" };
      },
    }),
    set_key: call({
      index: 2,
      args: { new: MultiAddress },
      weight: weights.setKey,
      docs: ["Authenticates the current sudo key and sets the given AccountId (`new`) as the new sudo key."],
      dispatch: (origin, args) => {
        ensureSudo(origin);
        const next = lookup(args.new);
        self.emit("KeyChanged", { old: storage.Key.get(), new: next });
        storage.Key.set(next);
        return { paysFee: "No" };
      },
    }),
    sudo_as: call({
      index: 3,
      args: { who: MultiAddress, call: runtime.callCodec },
      weight: (a) => addWeight(weights.sudoAs(), innerWeight(a.call)),
      class: (a) => runtime.info(a.call).class,
      docs: [
        "Authenticates the sudo key and dispatches a function call with `Signed` origin from",
        "a given account.",
      ],
      dispatch: (origin, { who, call: inner }) => {
        ensureSudo(origin);
        const outcome = runtime.dispatch(signed(lookup(who)), inner);
        self.emit("SudoAsDone", { sudo_result: result(outcome) });
        return { paysFee: "No" };
      },
    }),
    remove_key: call({
      index: 4,
      args: {},
      weight: weights.removeKey,
      docs: ["Permanently removes the sudo key.", "", "**This cannot be un-done.**"],
      dispatch: (origin) => {
        ensureSudo(origin);
        self.emit("KeyRemoved", {});
        storage.Key.kill();
        return { paysFee: "No" };
      },
    }),
  };
}
