import { NoneOrigin, Root, signed } from "@canary/frame";
import { CanaryError, fromHex, toHex, u64 } from "@canary/primitives";
import { afterEach, describe, expect, it } from "vitest";
import { checkSystemInvariants, type MockChain, mockChain, startBlock } from "../test/mockRuntime.ts";
import {
  TIMESTAMP_PANICS,
  Timestamp,
  type TimestampConfig,
  type TimestampInstance,
  timestampDefaults,
} from "./index.ts";
import { weights } from "./weights.ts";

const alice = fromHex("0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");

let chain: MockChain & { timestamp: TimestampInstance };
afterEach(() => {
  if (chain) expect(checkSystemInvariants(chain)).toEqual([]);
});

function newChain(config: Partial<TimestampConfig> = {}) {
  chain = mockChain((b) => ({ timestamp: b.add(2, Timestamp, { ...timestampDefaults(), ...config }) }));
  startBlock(chain);
  return chain;
}
const api = () => chain.timestamp.api;
const inherentCall = (now: bigint) => api().inherentCall(now);
const createInherent = (clock: bigint) => api().createInherent(clock);
const checkInherent = (now: bigint, clock: bigint) => api().checkInherent(now, clock);
const timestampNow = () => api().now();
const set = (now: bigint, origin = NoneOrigin) =>
  chain.run(() => chain.runtime.dispatch(origin, inherentCall(now)));
const finalize = (n = 1) => chain.run(() => chain.timestamp.hooks.onFinalize?.(n));
const panicCode = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof CanaryError ? e.code : `not a CanaryError: ${e}`;
  }
  return "no panic";
};
const root = () => toHex(chain.run(() => chain.host.storageRoot(1)));

describe("set", () => {
  it("is an unsigned, Mandatory inherent that records the time once per block", () => {
    newChain();
    const call = inherentCall(1_700_000_000_000n);
    // Compact<u64> in big-integer mode: header (6 bytes - 4) << 2 | 0b11, then 1.7e12 LE.
    expect(toHex(chain.runtime.callCodec.enc(call))).toBe("0x0200" + "0b" + "0068e5cf8b01");
    expect(chain.runtime.info(call)).toEqual({ weight: weights.set(), class: "Mandatory", paysFee: "Yes" });
    expect(set(1_700_000_000_000n)).toEqual({ ok: true, post: { paysFee: "Yes" } });
    chain.run(() => {
      expect(timestampNow()).toBe(1_700_000_000_000n);
      expect(chain.timestamp.storage.DidUpdate.get()).toBe(true);
    });
  });

  it("refuses signed and Root origins with BadOrigin, changing nothing", () => {
    newChain();
    const before = root();
    expect(set(5_000n, signed(alice))).toMatchObject({ ok: false, error: { tag: "BadOrigin" } });
    expect(set(5_000n, Root)).toMatchObject({ ok: false, error: { tag: "BadOrigin" } });
    expect(root()).toBe(before);
  });

  it("panics when set twice in a block, and the second call changes nothing", () => {
    newChain();
    expect(set(10_000n).ok).toBe(true);
    const before = root();
    expect(panicCode(() => set(20_000n))).toBe(TIMESTAMP_PANICS.setTwice);
    expect(root()).toBe(before);
    expect(chain.run(timestampNow)).toBe(10_000n);
    expect(chain.host.transactionDepth).toBe(0);
  });

  it("needs at least MinimumPeriod after the previous block's time; the first time may be anything", () => {
    newChain();
    expect(set(1n).ok).toBe(true); // previous time is 0: no bound
    finalize();
    startBlock(chain, 2);
    chain.run(() => chain.timestamp.storage.Now.set(10_000n));
    expect(panicCode(() => set(12_999n))).toBe(TIMESTAMP_PANICS.tooEarly);
    expect(chain.run(() => chain.timestamp.storage.DidUpdate.get())).toBe(false);
    expect(set(13_000n).ok).toBe(true);
    finalize(2);
    newChain({ minimumPeriod: 500n });
    chain.run(() => chain.timestamp.storage.Now.set(13_000n));
    expect(set(13_500n).ok).toBe(true);
  });

  it("tells OnTimestampSet the new time", () => {
    const seen: bigint[] = [];
    newChain({ onTimestampSet: (now) => seen.push(now) });
    set(42_000n);
    expect(seen).toEqual([42_000n]);
  });
});

describe("hooks", () => {
  it("on_finalize clears DidUpdate when set, and panics when the block has no timestamp", () => {
    newChain();
    expect(chain.run(() => chain.timestamp.hooks.onInitialize?.(1))).toEqual(weights.onFinalize());
    set(6_000n);
    finalize();
    expect(chain.run(() => chain.timestamp.storage.DidUpdate.exists())).toBe(false);
    startBlock(chain, 2);
    expect(panicCode(() => finalize(2))).toBe(TIMESTAMP_PANICS.notSet);
    expect(() => finalize(2)).toThrow("Timestamp must be updated once in the block");
  });
});

describe("inherent data", () => {
  it("the author uses its clock but never less than the previous time + MinimumPeriod", () => {
    newChain();
    chain.run(() => {
      chain.timestamp.storage.Now.set(100_000n);
      expect(createInherent(200_000n)).toEqual(inherentCall(200_000n));
      expect(createInherent(101_000n)).toEqual(inherentCall(103_000n));
    });
  });

  it("the importer rejects times too early or more than 30 s ahead of its clock", () => {
    newChain();
    chain.run(() => {
      chain.timestamp.storage.Now.set(100_000n);
      expect(checkInherent(103_000n, 100_000n)).toBeUndefined();
      expect(checkInherent(102_999n, 100_000n)).toBe("TooEarly");
      expect(checkInherent(130_000n, 100_000n)).toBeUndefined();
      expect(checkInherent(130_001n, 100_000n)).toBe("TooFarInFuture");
    });
  });
});

describe("metadata", () => {
  it("has FRAME's storage items, the set call and the MinimumPeriod constant, and no events or errors", () => {
    newChain();
    const meta = chain.runtime.metadataPallets().find((p) => p.name === "Timestamp");
    expect(meta?.index).toBe(2);
    expect(meta?.storage?.entries.map((e) => [e.name, e.modifier])).toEqual([
      ["Now", "Default"],
      ["DidUpdate", "Default"],
    ]);
    expect(meta?.constants.map((c) => [c.name, toHex(c.value)])).toEqual([
      ["MinimumPeriod", toHex(u64.enc(3_000n))],
    ]);
    expect(meta?.event).toBeUndefined();
    expect(meta?.error).toBeUndefined();
  });
});
