import { AccountId32, DecodeError, fromHex, toHex, u32, Vec } from "@canary/primitives";
import { describe, expect, it } from "vitest";
import { withHost } from "./context.ts";
import { DispatchErrorCodec, DispatchFailure } from "./dispatchError.ts";
import { ensureRoot, ensureSigned, Root, signed } from "./origin.ts";
import { call, constant, definePallet, event } from "./pallet.ts";
import { composeRuntime, type RuntimeCall, RuntimeCallCodec } from "./runtime.ts";
import { bindStorage, value } from "./storage.ts";
import { MemoryHost } from "./testing/memoryHost.ts";
import { weight } from "./weights.ts";

const alice = fromHex("0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");

const counterStorage = bindStorage("Counter", { Value: value({ value: u32, default: 0 }) });
const Counter = definePallet({
  name: "Counter",
  storage: counterStorage,
  calls: {
    increment: call({
      index: 0,
      args: { by: u32 },
      weight: (a) => weight(1000n + BigInt(a.by)),
      docs: ["Adds `by` to the counter."],
      dispatch: (origin, { by }) => {
        const who = ensureSigned(origin);
        counterStorage.Value.mutate((v) => v + by);
        Counter.emit("Incremented", { who, by });
      },
    }),
    fail_after_write: call({
      index: 1,
      args: {},
      weight: weight(10n),
      dispatch: () => {
        counterStorage.Value.set(999);
        throw Counter.fail("Refused");
      },
    }),
    set_by_root: call({
      index: 5,
      args: { value: u32 },
      weight: weight(1n),
      class: "Operational",
      pays: "No",
      dispatch: (origin, args) => {
        ensureRoot(origin);
        counterStorage.Value.set(args.value);
      },
    }),
  },
  events: { Incremented: event(0, { who: AccountId32, by: u32 }, ["The counter went up."]) },
  errors: { Overflow: { index: 0, docs: [] }, Refused: { index: 1, docs: ["Always refused."] } },
  constants: { Max: constant(u32, 100, ["The largest value."]) },
});

/** Like utility.batch_all: all or nothing. */
const Batch = definePallet({
  name: "Batch",
  calls: {
    batch_all: call({
      index: 2,
      args: { calls: Vec(RuntimeCallCodec) },
      weight: weight(5n),
      dispatch: (origin, { calls }) => {
        for (const c of calls) {
          const outcome = runtime.dispatch(origin, c);
          if (!outcome.ok) throw new DispatchFailure(outcome.error);
        }
      },
    }),
  },
});

const events: Uint8Array[] = [];
const runtime = composeRuntime({
  crate: "test_runtime",
  pallets: [
    [7, Counter],
    [9, Batch],
  ],
  depositEvent: (e) => events.push(e),
});

const increment = (by: number): RuntimeCall => ({
  tag: "Counter",
  value: { tag: "increment", value: { by } },
});

describe("runtime composition", () => {
  it("encodes calls as pallet index, call index, arguments", () => {
    const bytes = RuntimeCallCodec.enc(increment(3));
    expect(toHex(bytes)).toBe("0x070003000000");
    expect(RuntimeCallCodec.dec(bytes)).toEqual(increment(3));
    const batch: RuntimeCall = {
      tag: "Batch",
      value: { tag: "batch_all", value: { calls: [increment(1)] } },
    };
    expect(toHex(RuntimeCallCodec.enc(batch))).toBe("0x090204070001000000");
  });

  it("rejects unknown pallet and call indices, and nesting deeper than 256", () => {
    expect(() => RuntimeCallCodec.dec(fromHex("0x080000000000"))).toThrow(DecodeError);
    expect(() => RuntimeCallCodec.dec(fromHex("0x070900000000"))).toThrow(/no variant with index 9/);
    const nested = (depth: number): Uint8Array => {
      const parts: number[] = [];
      for (let i = 0; i < depth; i++) parts.push(9, 2, 4);
      parts.push(7, 0, 1, 0, 0, 0);
      return Uint8Array.from(parts);
    };
    expect(() => RuntimeCallCodec.dec(nested(200))).not.toThrow();
    expect(() => RuntimeCallCodec.dec(nested(300))).toThrow(/nested deeper than 256/);
  });

  it("derives FRAME-shaped metadata: flattened call fields, paths, docs, constants, indices", () => {
    const [counter, batch] = runtime.metadataPallets();
    expect(counter?.index).toBe(7);
    expect(counter?.calls?.path).toEqual(["pallet_counter", "pallet", "Call"]);
    const calls = counter?.calls?.kind === "variant" ? counter.calls.variants : [];
    expect(calls.map((v) => [v.name, v.index])).toEqual([
      ["increment", 0],
      ["fail_after_write", 1],
      ["set_by_root", 5],
    ]);
    expect(calls[0]?.fields.map((f) => f.name)).toEqual(["by"]);
    expect(calls[0]?.docs).toEqual(["Adds `by` to the counter."]);
    expect(counter?.storage?.entries.map((e) => e.name)).toEqual(["Value"]);
    expect(counter?.constants).toEqual([
      { name: "Max", type: u32.desc, value: u32.enc(100), docs: ["The largest value."] },
    ]);
    expect(counter?.error?.kind === "variant" && counter.error.variants.map((v) => v.name)).toEqual([
      "Overflow",
      "Refused",
    ]);
    expect(batch?.event).toBeUndefined();
    const eventDesc = runtime.eventCodec.desc.kind === "lazy" ? runtime.eventCodec.desc.get() : undefined;
    expect(eventDesc?.kind === "variant" && eventDesc.variants.map((v) => [v.name, v.index])).toEqual([
      ["Counter", 7],
    ]);
    expect(runtime.eventCodec.dec(fromHex(`0x0700${toHex(alice).slice(2)}02000000`))).toEqual({
      tag: "Counter",
      value: { tag: "Incremented", value: { who: alice, by: 2 } },
    });
  });

  it("reports the declared weight, class and fee payment", () => {
    expect(runtime.info(increment(5))).toEqual({ weight: weight(1005n), class: "Normal", paysFee: "Yes" });
    expect(
      runtime.info({ tag: "Counter", value: { tag: "set_by_root", value: { value: 1 } } }),
    ).toMatchObject({
      class: "Operational",
      paysFee: "No",
    });
  });

  it("rejects duplicate pallet indices", () => {
    const A = definePallet({ name: "A" });
    const B = definePallet({ name: "B" });
    expect(() =>
      composeRuntime({
        crate: "x",
        pallets: [
          [1, A],
          [1, B],
        ],
        depositEvent: () => {},
      }),
    ).toThrow(/index 1/);
    // Composing another runtime rebinds RuntimeCall; restore ours for the other tests.
    composeRuntime({
      crate: "test_runtime",
      pallets: [
        [7, Counter],
        [9, Batch],
      ],
      depositEvent: (e) => events.push(e),
    });
  });
});

describe("dispatch", () => {
  it("applies a successful call and deposits its event with the pallet index", () => {
    const host = new MemoryHost();
    events.length = 0;
    withHost(host, () => {
      expect(runtime.dispatch(signed(alice), increment(2))).toEqual({ ok: true, post: { paysFee: "Yes" } });
      expect(counterStorage.Value.get()).toBe(2);
    });
    expect(toHex(events[0]!)).toBe(`0x0700${toHex(alice).slice(2)}02000000`);
    expect(host.transactionDepth).toBe(0);
  });

  it("rolls back a failing call's writes and reports its module error", () => {
    const host = new MemoryHost();
    withHost(host, () => {
      counterStorage.Value.set(1);
      const outcome = runtime.dispatch(signed(alice), {
        tag: "Counter",
        value: { tag: "fail_after_write", value: {} },
      });
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(toHex(DispatchErrorCodec.enc(outcome.error))).toBe("0x030701000000");
      expect(counterStorage.Value.get()).toBe(1);
    });
    expect(host.transactionDepth).toBe(0);
  });

  it("checks origins: BadOrigin, and nothing changes", () => {
    withHost(new MemoryHost(), () => {
      const rootOnly: RuntimeCall = { tag: "Counter", value: { tag: "set_by_root", value: { value: 9 } } };
      expect(runtime.dispatch(signed(alice), rootOnly)).toMatchObject({
        ok: false,
        error: { tag: "BadOrigin" },
      });
      expect(counterStorage.Value.get()).toBe(0);
      expect(runtime.dispatch(Root, rootOnly).ok).toBe(true);
      expect(counterStorage.Value.get()).toBe(9);
      expect(runtime.dispatch(Root, increment(1))).toMatchObject({ ok: false, error: { tag: "BadOrigin" } });
    });
  });

  it("a nested call's failure inside an all-or-nothing batch leaves storage exactly as it was", () => {
    const host = new MemoryHost();
    withHost(host, () => {
      counterStorage.Value.set(4);
      const before = toHex(host.storageRoot(1));
      const batch: RuntimeCall = {
        tag: "Batch",
        value: {
          tag: "batch_all",
          value: {
            calls: [
              increment(1),
              increment(1),
              { tag: "Counter", value: { tag: "fail_after_write", value: {} } },
            ],
          },
        },
      };
      const outcome = runtime.dispatch(signed(alice), batch);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(toHex(DispatchErrorCodec.enc(outcome.error))).toBe("0x030701000000");
      expect(counterStorage.Value.get()).toBe(4);
      expect(toHex(host.storageRoot(1))).toBe(before);
      expect(host.transactionDepth).toBe(0);
    });
  });

  it("a panic (a bug, not a DispatchError) rolls back and propagates", () => {
    const Buggy = definePallet({
      name: "Buggy",
      calls: {
        crash: call({
          index: 0,
          args: {},
          weight: weight(1n),
          dispatch: () => {
            counterStorage.Value.set(77);
            throw new TypeError("bug");
          },
        }),
      },
    });
    const rt = composeRuntime({
      crate: "buggy",
      pallets: [
        [7, Counter],
        [1, Buggy],
      ],
      depositEvent: () => {},
    });
    const host = new MemoryHost();
    withHost(host, () => {
      expect(() => rt.dispatch(Root, { tag: "Buggy", value: { tag: "crash", value: {} } })).toThrow("bug");
      expect(counterStorage.Value.get()).toBe(0);
    });
    expect(host.transactionDepth).toBe(0);
    composeRuntime({
      crate: "test_runtime",
      pallets: [
        [7, Counter],
        [9, Batch],
      ],
      depositEvent: (e) => events.push(e),
    });
  });
});
