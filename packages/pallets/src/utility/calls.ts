/**
 * Utility's calls, with FRAME's indices. `dispatch_as` (3) and `dispatch_as_checked` (6) are not
 * provided: they take a `PalletsOrigin`, which the framework does not model yet.
 */
import {
  actualWeight,
  addWeight,
  badOrigin,
  call,
  type DispatchClass,
  DispatchFailure,
  type DispatchOutcome,
  ensureRoot,
  ensureSigned,
  type Origin,
  Root,
  type RuntimeCall,
  signed,
  Weight,
  ZERO_WEIGHT,
} from "@canary/frame";
import { u16, Vec } from "@canary/primitives";
import type { UtilitySelf } from "./config.ts";
import { derivativeAccountId } from "./derivative.ts";
import { weights } from "./weights.ts";

const batchDocs = (what: string) => [
  what,
  "",
  "May be called from any origin except `None`.",
  "",
  "- `calls`: The calls to be dispatched from the same origin. The number of call must not",
  "  exceed the constant: `batched_calls_limit` (available in constant metadata).",
  "",
  "If origin is root then the calls are dispatched without checking origin filter.",
];

/** Utility's calls for one instance; inner calls are its runtime's. */
export function calls(self: UtilitySelf) {
  const { runtime: d, config } = self;
  const RuntimeCallCodec = d.callCodec;

  /** FRAME's batch class: Operational only when every inner call is. */
  function batchClass(calls: readonly RuntimeCall[]): DispatchClass {
    const operational = calls.every((c) => d.info(c).class === "Operational");
    return operational ? "Operational" : "Normal";
  }

  function innerWeight(calls: readonly RuntimeCall[]): Weight {
    return calls.reduce((sum, c) => addWeight(sum, d.info(c).weight), ZERO_WEIGHT);
  }

  /**
   * How many non-Root `batch_all`s are running. FRAME adds a filter to their origin so users cannot
   * nest `batch_all`; the framework's origins carry no filters, so Utility tracks it here.
   */
  let batchAllNesting = 0;

  /** Dispatches one inner call; returns its outcome and the weight it used. */
  function dispatchItem(origin: Origin, inner: RuntimeCall): { outcome: DispatchOutcome; used: Weight } {
    const info = d.info(inner);
    const filtered =
      origin.kind !== "Root" &&
      batchAllNesting > 0 &&
      inner.tag === self.name &&
      inner.value.tag === "batch_all";
    if (filtered) {
      const { error } = config.system.fail("CallFiltered");
      return { outcome: { ok: false, error, post: { paysFee: info.paysFee } }, used: info.weight };
    }
    const outcome = d.dispatch(origin, inner);
    return { outcome, used: actualWeight(info, outcome.post) };
  }

  /** Batches take any origin but None, and at most `batched_calls_limit` calls. */
  function checkBatch(origin: Origin, calls: readonly RuntimeCall[]): void {
    if (origin.kind === "None") throw badOrigin();
    if (calls.length > config.batchedCallsLimit) throw self.fail("TooManyCalls");
  }

  return {
    batch: call({
      index: 0,
      args: { calls: Vec(RuntimeCallCodec) },
      weight: (a) => addWeight(innerWeight(a.calls), weights.batch(a.calls.length)),
      class: (a) => batchClass(a.calls),
      docs: batchDocs(
        "Send a batch of dispatch calls; stops at the first failure, which is reported by event.",
      ),
      dispatch: (origin, { calls }) => {
        checkBatch(origin, calls);
        let used = ZERO_WEIGHT;
        for (const [index, inner] of calls.entries()) {
          const { outcome, used: w } = dispatchItem(origin, inner);
          used = addWeight(used, w);
          if (!outcome.ok) {
            // The batch itself succeeds: completed calls keep their effects.
            self.emit("BatchInterrupted", { index, error: outcome.error });
            return { actualWeight: addWeight(weights.batch(index + 1), used), paysFee: "Yes" };
          }
          self.emit("ItemCompleted", {});
        }
        self.emit("BatchCompleted", {});
        return { actualWeight: addWeight(weights.batch(calls.length), used), paysFee: "Yes" };
      },
    }),
    as_derivative: call({
      index: 1,
      args: { index: u16, call: RuntimeCallCodec },
      weight: (a) => addWeight(weights.asDerivative(), innerWeight([a.call])),
      class: (a) => batchClass([a.call]),
      docs: [
        "Send a call through an indexed pseudonym of the sender.",
        "",
        "The dispatch origin for this call must be _Signed_.",
      ],
      dispatch: (origin, { index, call: inner }) => {
        const who = ensureSigned(origin);
        const { outcome, used } = dispatchItem(signed(derivativeAccountId(who, index)), inner);
        // The inner error is this call's error; dispatch rolls back everything the call wrote.
        const actual = addWeight(weights.asDerivative(), used);
        if (!outcome.ok) throw new DispatchFailure(outcome.error, undefined, { actualWeight: actual });
        return { actualWeight: actual, paysFee: "Yes" };
      },
    }),
    batch_all: call({
      index: 2,
      args: { calls: Vec(RuntimeCallCodec) },
      weight: (a) => addWeight(innerWeight(a.calls), weights.batchAll(a.calls.length)),
      class: (a) => batchClass(a.calls),
      docs: batchDocs(
        "Send a batch of dispatch calls and atomically execute them: if any fails, the whole batch fails and rolls back.",
      ),
      dispatch: (origin, { calls }) => {
        checkBatch(origin, calls);
        const filtered = origin.kind !== "Root";
        if (filtered) batchAllNesting++;
        try {
          let used = ZERO_WEIGHT;
          for (const inner of calls) {
            const { outcome, used: w } = dispatchItem(origin, inner);
            used = addWeight(used, w);
            // Throwing makes dispatch roll back every item already applied.
            if (!outcome.ok) {
              const actualWeight = addWeight(weights.batchAll(calls.length), used);
              throw new DispatchFailure(outcome.error, undefined, { actualWeight });
            }
            self.emit("ItemCompleted", {});
          }
          self.emit("BatchCompleted", {});
          return { actualWeight: addWeight(weights.batchAll(calls.length), used), paysFee: "Yes" };
        } finally {
          if (filtered) batchAllNesting--;
        }
      },
    }),
    force_batch: call({
      index: 4,
      args: { calls: Vec(RuntimeCallCodec) },
      weight: (a) => addWeight(innerWeight(a.calls), weights.forceBatch(a.calls.length)),
      class: (a) => batchClass(a.calls),
      docs: batchDocs("Send a batch of dispatch calls; unlike `batch`, it continues past failures."),
      dispatch: (origin, { calls }) => {
        checkBatch(origin, calls);
        let used = ZERO_WEIGHT;
        let failed = false;
        for (const inner of calls) {
          const { outcome, used: w } = dispatchItem(origin, inner);
          used = addWeight(used, w);
          if (outcome.ok) self.emit("ItemCompleted", {});
          else {
            failed = true;
            self.emit("ItemFailed", { error: outcome.error });
          }
        }
        self.emit(failed ? "BatchCompletedWithErrors" : "BatchCompleted", {});
        return { actualWeight: addWeight(weights.forceBatch(calls.length), used), paysFee: "Yes" };
      },
    }),
    with_weight: call({
      index: 5,
      args: { call: RuntimeCallCodec, weight: Weight },
      weight: (a) => a.weight,
      docs: [
        "Dispatch a function call with a specified weight.",
        "",
        "This function does not check the weight of the call, and instead allows the",
        "Root origin to specify the weight of the call.",
        "",
        "The dispatch origin for this call must be _Root_.",
      ],
      dispatch: (origin, { call: inner }) => {
        ensureRoot(origin);
        const outcome = d.dispatch(Root, inner);
        if (!outcome.ok) throw new DispatchFailure(outcome.error);
      },
    }),
  };
}
