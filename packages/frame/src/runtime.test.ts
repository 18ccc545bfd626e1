import { AccountId32, DecodeError, fromHex, toHex, u32, Vec } from "@canary/primitives";
import { describe, expect, it } from "vitest";
import { withHost } from "./context.ts";
import { DispatchErrorCodec, DispatchFailure } from "./dispatchError.ts";
import { ensureRoot, ensureSigned, Root, signed } from "./origin.ts";
import { call, constant, definePallet, event, type PalletSelf, type StorageOf } from "./pallet.ts";
import { type Runtime, RuntimeBuilder, type RuntimeCall } from "./runtime.ts";
import { value } from "./storage.ts";
import { MemoryHost } from "./testing/memoryHost.ts";
import { weight } from "./weights.ts";

const alice = fromHex("0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");

const counterStorage = { Value: value({ value: u32, default: 0 }) };
const counterEvents = { Incremented: event(0, { who: AccountId32, by: u32 }, ["The counter went up."]) };
const counterErrors = { Overflow: { index: 0, docs: [] }, Refused: { index: 1, docs: ["Always refused."] } };
type CounterSelf = PalletSelf<
  { max: number },
  StorageOf<typeof counterStorage>,
  typeof counterEvents,
  typeof counterErrors
>;

const Counter = definePallet({
  name: "Counter",
  storage: counterStorage,
  events: counterEvents,
  errors: counterErrors,
  build: (self: CounterSelf) => ({
    calls: {
      increment: call({
        index: 0,
        args: { by: u32 },
        weight: (a) => weight(1000n + BigInt(a.by)),
        docs: ["Adds `by` to the counter."],
        dispatch: (origin, { by }) => {
          const who = ensureSigned(origin);
          self.storage.Value.mutate((v) => v + by);
          self.emit("Incremented", { who, by });
        },
      }),
      fail_after_write: call({
        index: 1,
        args: {},
        weight: weight(10n),
        dispatch: () => {
          self.storage.Value.set(999);
          throw self.fail("Refused");
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
          self.storage.Value.set(args.value);
        },
      }),
    },
    constants: { Max: constant(u32, () => self.config.max, ["The largest value."]) },
    api: { value: () => self.storage.Value.get() },
  }),
});

/** Like utility.batch_all: all or nothing, over its runtime's calls. */
const Batch = definePallet({
  name: "Batch",
  build: ({ runtime }: PalletSelf<Record<string, never>, Record<string, never>>) => ({
    calls: {
      batch_all: call({
        index: 2,
        args: { calls: Vec(runtime.callCodec) },
        weight: weight(5n),
        dispatch: (origin, { calls }) => {
          for (const c of calls) {
            const outcome = runtime.dispatch(origin, c);
            if (!outcome.ok) throw new DispatchFailure(outcome.error);
          }
        },
      }),
    },
  }),
});

/** The test runtime: Counter at 7, Batch at 9, events collected in `events`. */
function testRuntime(events: Uint8Array[] = []) {
  const b = new RuntimeBuilder("test_runtime");
  const counter = b.add(7, Counter, { max: 100 });
  b.add(9, Batch, {});
  const runtime = b.build({ depositEvent: (e) => events.push(e) });
  return { runtime, counter, events };
}
const { runtime, counter } = testRuntime();
const counterValue = () => counter.api.value();
const increment = (by: number): RuntimeCall => ({
  tag: "Counter",
  value: { tag: "increment", value: { by } },
});

describe("runtime composition", () => {
  it("encodes calls as pallet index, call index, arguments", () => {
    const bytes = runtime.callCodec.enc(increment(3));
    expect(toHex(bytes)).toBe("0x070003000000");
    expect(runtime.callCodec.dec(bytes)).toEqual(increment(3));
    const batch: RuntimeCall = {
      tag: "Batch",
      value: { tag: "batch_all", value: { calls: [increment(1)] } },
    };
    expect(toHex(runtime.callCodec.enc(batch))).toBe("0x090204070001000000");
  });

  it("rejects unknown pallet and call indices, and nesting deeper than 256", () => {
    expect(() => runtime.callCodec.dec(fromHex("0x080000000000"))).toThrow(DecodeError);
    expect(() => runtime.callCodec.dec(fromHex("0x070900000000"))).toThrow(/no variant with index 9/);
    const nested = (depth: number): Uint8Array => {
      const parts: number[] = [];
      for (let i = 0; i < depth; i++) parts.push(9, 2, 4);
      parts.push(7, 0, 1, 0, 0, 0);
      return Uint8Array.from(parts);
    };
    expect(() => runtime.callCodec.dec(nested(200))).not.toThrow();
    expect(() => runtime.callCodec.dec(nested(300))).toThrow(/nested deeper than 256/);
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
    const eventDesc = runtime.eventCodec.desc;
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

  it("rejects duplicate pallet indices and names, and additions after build", () => {
    const A = definePallet({ name: "A" });
    const B = definePallet({ name: "B" });
    const b = new RuntimeBuilder("x");
    b.add(1, A, {});
    expect(() => b.add(1, B, {})).toThrow(/index 1/);
    expect(() => b.add(2, A, {})).toThrow(/name A is taken/);
    expect(() => b.add(3, A, {}, "bad name")).toThrow(/instance name/);
    b.build({ depositEvent: () => {} });
    expect(() => b.add(4, B, {})).toThrow(/already built/);
  });

  it("refuses to dispatch through a runtime whose composition has not ended", () => {
    const b = new RuntimeBuilder("unfinished");
    b.add(9, Batch, {});
    expect(() => b.context.info(increment(1))).toThrow(/before build\(\)/);
    expect(() => b.context.dispatch(Root, increment(1))).toThrow(/before build\(\)/);
  });
});

describe("dispatch", () => {
  it("applies a successful call and deposits its event with the pallet index", () => {
    const host = new MemoryHost();
    const { runtime, counter, events } = testRuntime();
    withHost(host, () => {
      expect(runtime.dispatch(signed(alice), increment(2))).toEqual({ ok: true, post: { paysFee: "Yes" } });
      expect(counter.api.value()).toBe(2);
    });
    expect(toHex(events[0]!)).toBe(`0x0700${toHex(alice).slice(2)}02000000`);
    expect(host.transactionDepth).toBe(0);
  });

  it("rolls back a failing call's writes and reports its module error", () => {
    const host = new MemoryHost();
    withHost(host, () => {
      counter.storage.Value.set(1);
      const outcome = runtime.dispatch(signed(alice), {
        tag: "Counter",
        value: { tag: "fail_after_write", value: {} },
      });
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(toHex(DispatchErrorCodec.enc(outcome.error))).toBe("0x030701000000");
      expect(counterValue()).toBe(1);
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
      expect(counterValue()).toBe(0);
      expect(runtime.dispatch(Root, rootOnly).ok).toBe(true);
      expect(counterValue()).toBe(9);
      expect(runtime.dispatch(Root, increment(1))).toMatchObject({ ok: false, error: { tag: "BadOrigin" } });
    });
  });

  it("a nested call's failure inside an all-or-nothing batch leaves storage exactly as it was", () => {
    const host = new MemoryHost();
    withHost(host, () => {
      counter.storage.Value.set(4);
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
      expect(counterValue()).toBe(4);
      expect(toHex(host.storageRoot(1))).toBe(before);
      expect(host.transactionDepth).toBe(0);
    });
  });

  it("a panic (a bug, not a DispatchError) rolls back and propagates", () => {
    const b = new RuntimeBuilder("buggy");
    const buggyCounter = b.add(7, Counter, { max: 1 });
    const Buggy = definePallet({
      name: "Buggy",
      build: () => ({
        calls: {
          crash: call({
            index: 0,
            args: {},
            weight: weight(1n),
            dispatch: () => {
              buggyCounter.storage.Value.set(77);
              throw new TypeError("bug");
            },
          }),
        },
      }),
    });
    b.add(1, Buggy, {});
    const rt: Runtime = b.build({ depositEvent: () => {} });
    const host = new MemoryHost();
    withHost(host, () => {
      expect(() => rt.dispatch(Root, { tag: "Buggy", value: { tag: "crash", value: {} } })).toThrow("bug");
      expect(buggyCounter.api.value()).toBe(0);
    });
    expect(host.transactionDepth).toBe(0);
  });
});

describe("runtimes without globals", () => {
  it("two runtimes in one process keep their own pallets, codecs and storage", () => {
    const a = testRuntime();
    const b = new RuntimeBuilder("other_runtime");
    const other = b.add(3, Counter, { max: 5 });
    const rtB = b.build({ depositEvent: () => {} });
    // Each encodes its own call layout and refuses the other's pallets.
    expect(toHex(a.runtime.callCodec.enc(increment(1)))).toBe("0x070001000000");
    expect(toHex(rtB.callCodec.enc(increment(1)))).toBe("0x030001000000");
    expect(() =>
      rtB.callCodec.enc({ tag: "Batch", value: { tag: "batch_all", value: { calls: [] } } }),
    ).toThrow(/no pallet Batch/);
    expect(a.runtime.callCodec.dec(fromHex("0x090200")).tag).toBe("Batch");
    expect(() => rtB.callCodec.dec(fromHex("0x090200"))).toThrow(/no pallet with index 9/);
    // Configuration is per instance.
    const max = (rt: Runtime) => rt.metadataPallets()[0]?.constants.find((c) => c.name === "Max")?.value;
    expect(max(a.runtime)).toEqual(u32.enc(100));
    expect(max(rtB)).toEqual(u32.enc(5));
    withHost(new MemoryHost(), () => {
      expect(rtB.dispatch(signed(alice), increment(2)).ok).toBe(true);
      expect(other.api.value()).toBe(2);
    });
  });

  it("two instances of one pallet have their own storage prefix, metadata name and calls", () => {
    const events: Uint8Array[] = [];
    const b = new RuntimeBuilder("instanced_runtime");
    const first = b.add(7, Counter, { max: 10 });
    const second = b.add(8, Counter, { max: 20 }, "SecondCounter");
    const rt = b.build({ depositEvent: (e) => events.push(e) });
    expect(toHex(first.storage.Value.key)).not.toBe(toHex(second.storage.Value.key));
    expect(rt.metadataPallets().map((p) => [p.name, p.index, p.storage?.prefix])).toEqual([
      ["Counter", 7, "Counter"],
      ["SecondCounter", 8, "SecondCounter"],
    ]);
    const toSecond: RuntimeCall = { tag: "SecondCounter", value: { tag: "increment", value: { by: 3 } } };
    expect(toHex(rt.callCodec.enc(toSecond))).toBe("0x080003000000");
    expect(rt.callCodec.dec(fromHex("0x080003000000"))).toEqual(toSecond);
    withHost(new MemoryHost(), () => {
      expect(rt.dispatch(signed(alice), toSecond).ok).toBe(true);
      expect(second.api.value()).toBe(3);
      expect(first.api.value()).toBe(0);
      const failed = rt.dispatch(signed(alice), {
        tag: "SecondCounter",
        value: { tag: "fail_after_write", value: {} },
      });
      // The error names the instance's own index.
      if (!failed.ok) expect(toHex(DispatchErrorCodec.enc(failed.error))).toBe("0x030801000000");
      expect(failed.ok).toBe(false);
    });
    expect(toHex(events[0]!.subarray(0, 2))).toBe("0x0800");
  });
});
