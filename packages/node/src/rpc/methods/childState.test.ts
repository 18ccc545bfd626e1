/**
 * childstate_* and state_getChildReadProof over a real default child trie: its root under its
 * prefixed key in the block's state, its nodes in the node store. The proof verifies against the
 * block's state root (the path to the child root) and the child root (the values).
 */
import { concatBytes, encodeUtf8, fromHex, toHex } from "@canary/primitives";
import { MemoryNodeStore, TrieDb, verifyProof } from "@canary/trie";
import { describe, expect, it } from "vitest";
import type { Chain } from "../../chain/index.ts";
import { DEFAULT_CHILD_STORAGE_PREFIX } from "../../genesis/index.ts";
import { RpcError } from "../errors.ts";
import type { Handler } from "../rpcServer.ts";
import { registerChildState } from "./childState.ts";

const store = new MemoryNodeStore();
const commit = (entries: Array<[Uint8Array, Uint8Array]>): Uint8Array => {
  const trie = new TrieDb(store);
  for (const [k, v] of entries) trie.set(k, v);
  const c = trie.commit();
  store.apply(c);
  return c.root;
};
const b = (hex: string) => fromHex(hex);
const child = [
  [b("0x01"), encodeUtf8("one")],
  [b("0x0102"), encodeUtf8("one-two")],
  [b("0x02"), new Uint8Array(40).fill(7)], // hashed in the trie (33+ bytes)
] as Array<[Uint8Array, Uint8Array]>;
const childRoot = commit(child);
const prefixed = concatBytes(DEFAULT_CHILD_STORAGE_PREFIX, encodeUtf8("crowdloan"));
const stateRoot = commit([
  [prefixed, childRoot],
  [b("0xaa"), b("0xbb")],
]);
const block = new Uint8Array(32).fill(9);

// The chain as far as these methods read it: one block whose state holds the child trie.
const chain = {
  nodes: store,
  best: () => ({ hash: block, number: 1 }),
  header: (h: Uint8Array) => (toHex(h) === toHex(block) ? { stateRoot, number: 1 } : undefined),
  stateAt: () => ({}),
  host: () => ({ storageGet: (k: Uint8Array) => new TrieDb(store, stateRoot).get(k) }),
} as unknown as Chain;

const methods = new Map<string, Handler>();
registerChildState(
  {
    register: (name, handler) => methods.set(name, handler),
    alias: (a, n) => methods.set(a, methods.get(n)!),
  },
  chain,
);
const call = (name: string, params: unknown[]) =>
  methods.get(name)!(params, { connection: 0, transport: "http" }) as unknown;
const key = toHex(prefixed);

describe("childstate_*", () => {
  it("reads values, hashes, sizes and entries of the child trie", () => {
    expect(call("childstate_getStorage", [key, "0x01"])).toBe(toHex(encodeUtf8("one")));
    expect(call("childstate_getStorage", [key, "0x03"])).toBeNull();
    expect(call("childstate_getStorageSize", [key, "0x02"])).toBe(40);
    expect(call("childstate_getStorageHash", [key, "0x01"])).toMatch(/^0x[0-9a-f]{64}$/);
    expect(call("childstate_getStorageEntries", [key, ["0x0102", "0x09"]])).toEqual([
      toHex(encodeUtf8("one-two")),
      null,
    ]);
    // A child trie the state does not hold reads as empty.
    const other = toHex(concatBytes(DEFAULT_CHILD_STORAGE_PREFIX, encodeUtf8("none")));
    expect(call("childstate_getStorage", [other, "0x01"])).toBeNull();
  });

  it("lists keys by prefix and by page, as state_getKeys / state_getKeysPaged do", () => {
    expect(call("childstate_getKeys", [key, "0x01"])).toEqual(["0x01", "0x0102"]);
    expect(call("childstate_getKeys", [key, "0x"])).toEqual(["0x01", "0x0102", "0x02"]);
    expect(call("childstate_getKeysPaged", [key, "0x", 2])).toEqual(["0x01", "0x0102"]);
    expect(call("childstate_getKeysPagedAt", [key, "0x", 2, "0x0102"])).toEqual(["0x02"]);
    expect(() => call("childstate_getKeysPaged", [key, "0x", 1001])).toThrow(
      expect.objectContaining({ code: 4002 }),
    );
  });

  it("refuses a key that names no default child trie with sc-rpc's Client error", () => {
    let e: unknown;
    try {
      call("childstate_getStorage", ["0xaa", "0x01"]);
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(RpcError);
    expect([(e as RpcError).code, (e as RpcError).message]).toEqual([
      4003,
      "Client error: Invalid child storage key",
    ]);
  });
});

describe("state_getChildReadProof", () => {
  it("proves the child root in the state and the values in the child trie", () => {
    const { at, proof } = call("state_getChildReadProof", [key, ["0x01", "0x02", "0x05"]]) as {
      at: string;
      proof: string[];
    };
    expect(at).toBe(toHex(block));
    const nodes = proof.map(fromHex);
    const top = verifyProof(stateRoot, nodes, [prefixed]);
    expect([...top.values()].map((v) => v && toHex(v))).toEqual([toHex(childRoot)]);
    const values = verifyProof(childRoot, nodes, [b("0x01"), b("0x02"), b("0x05")]);
    expect([...values.values()].map((v) => v && toHex(v))).toEqual([
      toHex(encodeUtf8("one")),
      toHex(new Uint8Array(40).fill(7)),
      undefined,
    ]);
  });
});
