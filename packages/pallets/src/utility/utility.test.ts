import {
  addWeight,
  DispatchErrorCodec,
  NoneOrigin,
  Root,
  type RuntimeCall,
  signed,
  weight,
} from "@canary/frame";
import { fromHex, toHex, u32 } from "@canary/primitives";
import { createKeyDerived } from "@polkadot/util-crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  blockEvents,
  checkSystemInvariants,
  type MockChain,
  mockChain,
  startBlock,
} from "../test/mockRuntime.ts";
import { Toy, type ToyInstance, toy } from "../test/toyPallet.ts";
import { derivativeAccountId, Utility, utilityDefaults } from "./index.ts";
import { weights } from "./weights.ts";

const alice = fromHex("0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");

const TOY = 9;
const UTILITY = 24;

const { store, fail, rootOnly, light } = toy;
const util = (tag: string, value: unknown): RuntimeCall => ({ tag: "Utility", value: { tag, value } });
const batch = (calls: RuntimeCall[]) => util("batch", { calls });
const batchAll = (calls: RuntimeCall[]) => util("batch_all", { calls });
const forceBatch = (calls: RuntimeCall[]) => util("force_batch", { calls });
const asDerivative = (index: number, inner: RuntimeCall) => util("as_derivative", { index, call: inner });

const refused = { tag: "Module", value: { index: TOY, error: Uint8Array.of(1, 0, 0, 0) } };
const errHex = (e: unknown) =>
  toHex(DispatchErrorCodec.enc(e as Parameters<typeof DispatchErrorCodec.enc>[0]));

type Chain = MockChain & { toy: ToyInstance };
let chain: Chain;
afterEach(() => {
  if (chain) expect(checkSystemInvariants(chain)).toEqual([]);
});

function newChain(batchedCallsLimit = 10_922): Chain {
  chain = mockChain((b, system) => {
    const toyPallet = b.add(TOY, Toy, {});
    b.add(UTILITY, Utility, { ...utilityDefaults(system), batchedCallsLimit });
    return { toy: toyPallet };
  });
  startBlock(chain);
  return chain;
}
const dispatch = (origin: Parameters<MockChain["runtime"]["dispatch"]>[0], c: RuntimeCall) =>
  chain.run(() => chain.runtime.dispatch(origin, c));
const events = () =>
  blockEvents(chain)
    .filter((e) => e.name.startsWith("Utility.") || e.name.startsWith("Toy."))
    .map((e) => {
      const [tag, inner] = e.name.split(".") as [string, string];
      return { tag, value: { tag: inner, value: e.fields } };
    });
const names = () => events().map((e) => `${e.tag}.${e.value.tag}`);
const toyValue = () => chain.run(() => chain.toy.storage.Value.get());
const root = () => toHex(chain.run(() => chain.host.storageRoot(1)));

describe("batch", () => {
  it("dispatches every call in order from the sender, with ItemCompleted each and BatchCompleted", () => {
    newChain();
    const c = batch([store(1), store(2)]);
    expect(chain.run(() => chain.runtime.info(c))).toEqual({
      weight: weight(2_000n + weights.batch(2).refTime),
      class: "Normal",
      paysFee: "Yes",
    });
    const outcome = dispatch(signed(alice), c);
    expect(outcome).toEqual({
      ok: true,
      post: { actualWeight: weight(2_000n + weights.batch(2).refTime), paysFee: "Yes" },
    });
    expect(toyValue()).toBe(2);
    expect(names()).toEqual([
      "Toy.Stored",
      "Utility.ItemCompleted",
      "Toy.Stored",
      "Utility.ItemCompleted",
      "Utility.BatchCompleted",
    ]);
  });

  it("stops at the first failure with BatchInterrupted{index, error}; the batch succeeds and earlier calls stay", () => {
    newChain();
    const outcome = dispatch(signed(alice), batch([store(1), fail, store(3)]));
    // Charged: base for two items, the first call, and the failed call's declared weight.
    expect(outcome).toEqual({
      ok: true,
      post: { actualWeight: weight(1_010n + weights.batch(2).refTime), paysFee: "Yes" },
    });
    expect(toyValue()).toBe(1); // the failed call's write (999) was rolled back, store(3) never ran
    expect(names()).toEqual(["Toy.Stored", "Utility.ItemCompleted", "Utility.BatchInterrupted"]);
    expect(events()[2]?.value.value).toEqual({ index: 1, error: refused });
  });

  it("charges inner calls' actual weight when they report less than declared", () => {
    newChain();
    const c = batch([light, light]);
    expect(chain.run(() => chain.runtime.info(c)).weight).toEqual(weight(10_000n + weights.batch(2).refTime));
    const outcome = dispatch(signed(alice), c);
    expect(outcome.post.actualWeight).toEqual(weight(100n + weights.batch(2).refTime));
  });

  it("refuses the None origin and more than batched_calls_limit calls, changing nothing", () => {
    newChain(2);
    const before = root();
    for (const make of [batch, batchAll, forceBatch]) {
      expect(dispatch(NoneOrigin, make([store(1)]))).toMatchObject({
        ok: false,
        error: { tag: "BadOrigin" },
      });
    }
    for (const make of [batch, batchAll, forceBatch]) {
      const outcome = dispatch(signed(alice), make([store(1), store(2), store(3)]));
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(errHex(outcome.error)).toBe("0x031800000000"); // Utility(24).TooManyCalls(0)
      expect(dispatch(signed(alice), make([store(4), store(5)])).ok).toBe(true);
    }
    expect(root()).not.toBe(before);
    expect(toyValue()).toBe(5);
  });

  it("Root may batch Root-only calls; a signed batch of them is interrupted by BadOrigin", () => {
    newChain();
    expect(dispatch(Root, batch([rootOnly(7)])).ok).toBe(true);
    expect(toyValue()).toBe(7);
    expect(dispatch(signed(alice), batch([rootOnly(8)])).ok).toBe(true);
    expect(toyValue()).toBe(7);
    expect(events().at(-1)?.value).toEqual({
      tag: "BatchInterrupted",
      value: { index: 0, error: { tag: "BadOrigin" } },
    });
  });
});

describe("batch_all", () => {
  it("applies all calls when all succeed", () => {
    newChain();
    const outcome = dispatch(signed(alice), batchAll([store(1), store(2)]));
    expect(outcome).toEqual({
      ok: true,
      post: { actualWeight: weight(2_000n + weights.batchAll(2).refTime), paysFee: "Yes" },
    });
    expect(toyValue()).toBe(2);
    expect(names()).toEqual([
      "Toy.Stored",
      "Utility.ItemCompleted",
      "Toy.Stored",
      "Utility.ItemCompleted",
      "Utility.BatchCompleted",
    ]);
  });

  it("fails with the inner error and leaves storage exactly as it was when any call fails", () => {
    newChain();
    dispatch(signed(alice), store(4));
    const before = root();
    const outcome = dispatch(signed(alice), batchAll([store(1), store(2), fail]));
    expect(outcome).toMatchObject({ ok: false, error: refused });
    expect(root()).toBe(before);
    expect(toyValue()).toBe(4);
    expect(names()).toEqual(["Toy.Stored"]); // only the earlier store(4): the batch's events went too
    expect(chain.host.transactionDepth).toBe(0);
  });

  it("reports the weight used up to the failure, so the unused rest is refunded", () => {
    newChain();
    const outcome = dispatch(signed(alice), batchAll([light, fail, store(1)]));
    // light reports 50 of its 5,000; fail uses its declared 10; store(1) never ran.
    expect(outcome).toMatchObject({
      ok: false,
      post: { actualWeight: addWeight(weights.batchAll(3), weight(60n)) },
    });
  });

  it("is Operational only when every inner call is", () => {
    newChain();
    const setCode: RuntimeCall = {
      tag: "System",
      value: { tag: "set_code", value: { code: Uint8Array.of(1) } },
    };
    const info = (c: RuntimeCall) => chain.run(() => chain.runtime.info(c)).class;
    expect(info(batch([setCode, setCode]))).toBe("Operational");
    expect(info(batchAll([setCode, store(1)]))).toBe("Normal");
    expect(info(asDerivative(0, setCode))).toBe("Operational");
  });

  it("does not let a signed origin nest batch_all (CallFiltered), but Root may", () => {
    newChain();
    const before = root();
    const nested = batchAll([store(1), batch([batchAll([store(2)])])]);
    // The inner batch runs, but its batch_all item is filtered: BatchInterrupted, then the outer succeeds.
    expect(dispatch(signed(alice), nested).ok).toBe(true);
    expect(events().find((e) => e.value.tag === "BatchInterrupted")?.value.value).toEqual({
      index: 0,
      error: { tag: "Module", value: { index: 0, error: Uint8Array.of(5, 0, 0, 0) } },
    });
    expect(toyValue()).toBe(1);
    const direct = dispatch(signed(alice), batchAll([batchAll([store(3)])]));
    expect(direct.ok).toBe(false);
    if (!direct.ok) expect(errHex(direct.error)).toBe("0x030005000000"); // System.CallFiltered
    expect(root()).not.toBe(before);
    expect(dispatch(Root, batchAll([batchAll([rootOnly(6)])])).ok).toBe(true);
    expect(toyValue()).toBe(6);
    // A batch_all that completed (or failed) lifts the filter again.
    expect(dispatch(signed(alice), batchAll([store(9)])).ok).toBe(true);
    expect(toyValue()).toBe(9);
  });
});

describe("force_batch", () => {
  it("continues past failures with ItemFailed each, then BatchCompletedWithErrors; failed items roll back alone", () => {
    newChain();
    const outcome = dispatch(signed(alice), forceBatch([store(1), fail, store(3), fail]));
    expect(outcome).toEqual({
      ok: true,
      post: { actualWeight: weight(2_020n + weights.forceBatch(4).refTime), paysFee: "Yes" },
    });
    expect(toyValue()).toBe(3);
    expect(names()).toEqual([
      "Toy.Stored",
      "Utility.ItemCompleted",
      "Utility.ItemFailed",
      "Toy.Stored",
      "Utility.ItemCompleted",
      "Utility.ItemFailed",
      "Utility.BatchCompletedWithErrors",
    ]);
    expect(events()[2]?.value.value).toEqual({ error: refused });
  });

  it("ends with BatchCompleted when nothing failed, and an empty batch completes too", () => {
    newChain();
    expect(dispatch(signed(alice), forceBatch([store(1)])).ok).toBe(true);
    expect(dispatch(signed(alice), forceBatch([])).ok).toBe(true);
    expect(names()).toEqual([
      "Toy.Stored",
      "Utility.ItemCompleted",
      "Utility.BatchCompleted",
      "Utility.BatchCompleted",
    ]);
  });
});

describe("as_derivative", () => {
  it('derives the account as FRAME: blake2_256(b"modlpy/utilisuba" ++ who ++ index u16 LE)', () => {
    for (const index of [0, 1, 258, 65_535]) {
      expect(toHex(derivativeAccountId(alice, index))).toBe(toHex(createKeyDerived(alice, index)));
    }
    expect(toHex(derivativeAccountId(alice, 0))).not.toBe(toHex(derivativeAccountId(alice, 1)));
  });

  it("dispatches the call signed by the derivative account", () => {
    newChain();
    const c = asDerivative(3, store(11));
    expect(chain.run(() => chain.runtime.info(c)).weight).toEqual(
      weight(1_000n + weights.asDerivative().refTime),
    );
    expect(dispatch(signed(alice), c)).toEqual({
      ok: true,
      post: { actualWeight: weight(1_000n + weights.asDerivative().refTime), paysFee: "Yes" },
    });
    expect(toHex(chain.run(() => chain.toy.storage.LastCaller.get())!)).toBe(
      toHex(derivativeAccountId(alice, 3)),
    );
    expect(events()[0]?.value.value).toEqual({ who: derivativeAccountId(alice, 3), value: 11 });
  });

  it("fails with the inner error and rolls back; needs a signed origin", () => {
    newChain();
    const before = root();
    expect(dispatch(signed(alice), asDerivative(0, fail))).toMatchObject({ ok: false, error: refused });
    expect(dispatch(Root, asDerivative(0, store(1)))).toMatchObject({
      ok: false,
      error: { tag: "BadOrigin" },
    });
    expect(dispatch(NoneOrigin, asDerivative(0, store(1)))).toMatchObject({
      ok: false,
      error: { tag: "BadOrigin" },
    });
    expect(root()).toBe(before);
  });

  it("can be batched and nested: a derivative of a derivative", () => {
    newChain();
    expect(dispatch(signed(alice), batch([asDerivative(1, asDerivative(2, store(5)))])).ok).toBe(true);
    const expected = derivativeAccountId(derivativeAccountId(alice, 1), 2);
    expect(toHex(chain.run(() => chain.toy.storage.LastCaller.get())!)).toBe(toHex(expected));
  });
});

describe("with_weight", () => {
  it("Root dispatches the call as Root with the given weight; the inner error is the call's", () => {
    newChain();
    const c = util("with_weight", { call: rootOnly(4), weight: weight(77n, 3n) });
    expect(chain.run(() => chain.runtime.info(c)).weight).toEqual(weight(77n, 3n));
    expect(dispatch(signed(alice), c)).toMatchObject({ ok: false, error: { tag: "BadOrigin" } });
    expect(dispatch(Root, c).ok).toBe(true);
    expect(toyValue()).toBe(4);
    const failing = dispatch(Root, util("with_weight", { call: fail, weight: weight(1n) }));
    expect(failing).toMatchObject({ ok: false, error: refused });
    expect(toyValue()).toBe(4);
  });
});

describe("encoding and metadata", () => {
  it("encodes calls with FRAME's indices and exposes batched_calls_limit", () => {
    newChain();
    expect(toHex(chain.runtime.callCodec.enc(batch([store(1)])))).toBe("0x180004090001000000");
    // index 258 as u16 LE
    expect(toHex(chain.runtime.callCodec.enc(asDerivative(258, fail)))).toBe("0x180102010901");
    expect(toHex(chain.runtime.callCodec.enc(batchAll([])))).toBe("0x180200");
    expect(toHex(chain.runtime.callCodec.enc(forceBatch([])))).toBe("0x180400");
    const meta = chain.runtime.metadataPallets().find((p) => p.name === "Utility");
    expect(meta?.constants).toEqual([
      { name: "batched_calls_limit", type: u32.desc, value: u32.enc(10_922), docs: expect.any(Array) },
    ]);
    const variants = (d: unknown) =>
      (d as { variants: { name: string; index: number }[] }).variants.map((v) => [v.name, v.index]);
    expect(variants(meta?.event)).toEqual([
      ["BatchInterrupted", 0],
      ["BatchCompleted", 1],
      ["BatchCompletedWithErrors", 2],
      ["ItemCompleted", 3],
      ["ItemFailed", 4],
      ["DispatchedAs", 5],
    ]);
    expect(variants(meta?.calls)).toEqual([
      ["batch", 0],
      ["as_derivative", 1],
      ["batch_all", 2],
      ["force_batch", 4],
      ["with_weight", 5],
    ]);
  });

  it("refuses to decode batches nested deeper than 256", () => {
    newChain();
    const nested = (depth: number) => {
      const parts: number[] = [];
      for (let i = 0; i < depth; i++) parts.push(UTILITY, 0, 4);
      parts.push(TOY, 1);
      return Uint8Array.from(parts);
    };
    expect(() => chain.runtime.callCodec.dec(nested(100))).not.toThrow();
    expect(() => chain.runtime.callCodec.dec(nested(300))).toThrow(/nested deeper than 256/);
  });
});
