import { toHex } from "@canary/primitives";
import { EMPTY_TRIE_ROOT, MemoryNodeStore, trieRoot } from "@canary/trie";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BlockState, NodeHost } from "../overlay/index.ts";
import { GenesisHost, GenesisStorage } from "./genesisStorage.ts";

const b = (...bytes: number[]) => Uint8Array.from(bytes);
const hex = (v: Uint8Array | undefined) => (v === undefined ? undefined : toHex(v));

/** One storage operation of the host API, on keys from a small alphabet so that they collide. */
type Op =
  | ["set", number[], number[]]
  | ["clear", number[]]
  | ["append", number[], number[]]
  | ["clearPrefix", number[], number | undefined]
  | ["start"]
  | ["commit"]
  | ["rollback"]
  | ["next", number[]]
  | ["get", number[]];

const key = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 });
const value = fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constant("set" as const), key, value) },
  fc.tuple(fc.constant("clear" as const), key),
  fc.tuple(fc.constant("append" as const), key, value),
  fc.tuple(
    fc.constant("clearPrefix" as const),
    key,
    fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  ),
  fc.tuple(fc.constant("start" as const)),
  fc.tuple(fc.constant("commit" as const)),
  fc.tuple(fc.constant("rollback" as const)),
  { weight: 3, arbitrary: fc.tuple(fc.constant("next" as const), key) },
  { weight: 2, arbitrary: fc.tuple(fc.constant("get" as const), key) },
);

/** Runs `op` on a host; what it answers, or "throws". */
function apply(host: NodeHost, depth: { n: number }, [name, ...args]: Op): unknown {
  const k = Uint8Array.from((args[0] as number[] | undefined) ?? []);
  switch (name) {
    case "set":
      return host.storageSet(k, Uint8Array.from(args[1] as number[]));
    case "clear":
      return host.storageClear(k);
    case "append":
      return host.storageAppend(k, Uint8Array.from(args[1] as number[]));
    case "clearPrefix":
      return host.storageClearPrefix(k, args[1] as number | undefined);
    case "start":
      depth.n++;
      return host.storageStartTransaction();
    case "commit":
    case "rollback":
      if (depth.n === 0) return "none open";
      depth.n--;
      return name === "commit" ? host.storageCommitTransaction() : host.storageRollbackTransaction();
    case "next":
      return hex(host.storageNextKey(k));
    case "get":
      return hex(host.storageGet(k));
  }
}

describe("GenesisStorage", () => {
  it("answers every storage call as the node's overlay does, and ends with the same entries and root", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const genesis = new GenesisHost();
        const overlay = new NodeHost(new BlockState({ store: new MemoryNodeStore(), root: EMPTY_TRIE_ROOT }));
        const [dg, doverlay] = [{ n: 0 }, { n: 0 }];
        for (const o of ops) expect(apply(genesis, dg, o)).toEqual(apply(overlay, doverlay, o));
        // Transactions left open are committed, as a runtime call must before its changes count.
        while (dg.n > 0) apply(genesis, dg, ["commit"]);
        while (doverlay.n > 0) apply(overlay, doverlay, ["commit"]);
        const expected = overlay.state.overlay
          .changes()
          .filter((e): e is [Uint8Array, Uint8Array] => e[1] !== undefined)
          .map(([k, v]) => [toHex(k), toHex(v)]);
        expect(genesis.storage.entries().map(([k, v]) => [toHex(k), toHex(v)])).toEqual(expected);
        expect(toHex(genesis.storageRoot(1))).toBe(toHex(overlay.storageRoot(1)));
      }),
      { numRuns: 400 },
    );
  });

  it("finds next keys among keys added after its index was built, and skips removed ones", () => {
    const s = new GenesisStorage();
    s.set(b(1), b(10));
    s.set(b(3), b(30));
    expect(hex(s.nextKey(b(1)))).toBe("0x03");
    s.set(b(2), b(20));
    s.clear(b(3));
    s.set(b(1, 0), b(5));
    expect(hex(s.nextKey(b(1)))).toBe("0x0100");
    expect(hex(s.nextKey(b(1, 0)))).toBe("0x02");
    expect(s.nextKey(b(2))).toBeUndefined();
    s.set(b(3), b(31));
    expect(hex(s.nextKey(b(2)))).toBe("0x03");
  });

  it("hands out entries in key order, each key and value its own bytes", () => {
    const s = new GenesisStorage();
    const entries: Array<[Uint8Array, Uint8Array]> = [
      [b(0xff), b(1)],
      [b(0), new Uint8Array(100).fill(7)],
      [b(0x80, 1), b()],
      [b(0x80), b(2, 3)],
    ];
    for (const [k, v] of entries) s.set(k, v);
    const out = s.entries();
    expect(out.map(([k]) => toHex(k))).toEqual(["0x00", "0x80", "0x8001", "0xff"]);
    expect(toHex(trieRoot(out, 1))).toBe(toHex(trieRoot(entries, 1)));
    out[0]![1][0] = 9; // views of shared buffers, but of distinct bytes
    expect(out[1]![1]).toEqual(b(2, 3));
  });

  it("refuses a commit or a rollback with no transaction open", () => {
    const s = new GenesisStorage();
    expect(() => s.commitTransaction()).toThrow(expect.objectContaining({ code: "GENESIS_NO_TRANSACTION" }));
    expect(() => s.rollbackTransaction()).toThrow(
      expect.objectContaining({ code: "GENESIS_NO_TRANSACTION" }),
    );
  });
});
