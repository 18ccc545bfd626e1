/** Sudo's calls, with FRAME's indices. Every call is free (Pays::No) for the key, as FRAME. */
import {
  addWeight,
  badOrigin,
  call,
  DispatchFailure,
  type DispatchOutcome,
  type Origin,
  Root,
  type RuntimeCall,
  RuntimeCallCodec,
  signed,
  Weight,
} from "@canary/frame";
import { type AccountId32, bytesEqual, MultiAddress } from "@canary/primitives";
import { sudoDispatcher } from "./config.ts";
import { Sudo } from "./index.ts";
import { storage } from "./storage.ts";
import { weights } from "./weights.ts";

/** FRAME's `ensure_sudo`: Root, or a signed origin that is the key; None is a bad origin. */
function ensureSudo(origin: Origin): void {
  if (origin.kind === "Root") return;
  if (origin.kind !== "Signed") throw badOrigin();
  const key = storage.Key.get();
  if (key === undefined || !bytesEqual(key, origin.who)) throw Sudo.fail("RequireSudo");
}

/** Kusama's `AccountIdLookup` without indices: only `MultiAddress::Id` names an account. */
function lookup(address: MultiAddress): AccountId32 {
  if (address.tag !== "Id") throw new DispatchFailure({ tag: "CannotLookup" });
  return address.value;
}

/** The inner call's outcome as an event's `Result<(), DispatchError>`. */
const result = (outcome: DispatchOutcome) =>
  outcome.ok ? { ok: true as const, value: undefined } : { ok: false as const, error: outcome.error };

const innerWeight = (c: RuntimeCall) => sudoDispatcher().info(c).weight;

export const calls = {
  sudo: call({
    index: 0,
    args: { call: RuntimeCallCodec },
    weight: (a) => addWeight(weights.sudo(), innerWeight(a.call)),
    class: (a) => sudoDispatcher().info(a.call).class,
    docs: ["Authenticates the sudo key and dispatches a function call with `Root` origin."],
    dispatch: (origin, { call: inner }) => {
      ensureSudo(origin);
      const outcome = sudoDispatcher().dispatch(Root, inner);
      Sudo.emit("Sudid", { sudo_result: result(outcome) });
      return { paysFee: "No" };
    },
  }),
  sudo_unchecked_weight: call({
    index: 1,
    args: { call: RuntimeCallCodec, weight: Weight },
    weight: (a) => a.weight,
    docs: [
      "Authenticates the sudo key and dispatches a function call with `Root` origin.",
      "This function does not check the weight of the call, and instead allows the",
      "Sudo user to specify the weight of the call.",
    ],
    dispatch: (origin, { call: inner }) => {
      ensureSudo(origin);
      const outcome = sudoDispatcher().dispatch(Root, inner);
      Sudo.emit("Sudid", { sudo_result: result(outcome) });
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
      Sudo.emit("KeyChanged", { old: storage.Key.get(), new: next });
      storage.Key.set(next);
      return { paysFee: "No" };
    },
  }),
  sudo_as: call({
    index: 3,
    args: { who: MultiAddress, call: RuntimeCallCodec },
    weight: (a) => addWeight(weights.sudoAs(), innerWeight(a.call)),
    class: (a) => sudoDispatcher().info(a.call).class,
    docs: [
      "Authenticates the sudo key and dispatches a function call with `Signed` origin from",
      "a given account.",
    ],
    dispatch: (origin, { who, call: inner }) => {
      ensureSudo(origin);
      const outcome = sudoDispatcher().dispatch(signed(lookup(who)), inner);
      Sudo.emit("SudoAsDone", { sudo_result: result(outcome) });
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
      Sudo.emit("KeyRemoved", {});
      storage.Key.kill();
      return { paysFee: "No" };
    },
  }),
};
