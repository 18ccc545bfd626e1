import { initCrypto } from "@canary/crypto";
import { blockHash, encodeUtf8, toHex } from "@canary/primitives";
import { EMPTY_TRIE_ROOT, MemoryNodeStore, type TrieCommit, TrieDb } from "@canary/trie";
import { beforeAll, describe, expect, it } from "vitest";
import { genesisTrieCommit } from "../../../../test/support/genesisTrieCommit.ts";
import { Executor } from "../executor/index.ts";
import { BlockState } from "../overlay/index.ts";
import { relayRuntimeCode } from "../service/runtimeCode.ts";
import { buildGenesisInMemory, type Genesis, genesisFromStorage } from "./buildGenesis.ts";

/** How the chain wrote genesis before: every entry through an overlay, then a TrieDb commit. */
function throughOverlay(genesis: Genesis): TrieCommit {
  const store = new MemoryNodeStore();
  const state = new BlockState({ store, root: EMPTY_TRIE_ROOT });
  for (const [key, value] of genesis.storage) state.overlay.set(key, value);
  const commit = state.commit();
  for (const [, entries] of genesis.children ?? []) {
    const child = new TrieDb(store);
    for (const [key, value] of entries) child.set(key, value);
    for (const [hash, entry] of child.commit().inserted) {
      const had = commit.inserted.get(hash);
      commit.inserted.set(hash, { data: entry.data, refs: (had?.refs ?? 0) + entry.refs });
    }
  }
  return commit;
}

const sorted = (c: TrieCommit) =>
  [...c.inserted].map(([h, e]) => [h, toHex(e.data), e.refs] as const).sort(([a], [b]) => (a < b ? -1 : 1));

function expectSameCommit(genesis: Genesis): void {
  const streamed = genesisTrieCommit(genesis);
  const before = throughOverlay(genesis);
  expect(toHex(streamed.root)).toBe(toHex(genesis.header.stateRoot));
  expect(toHex(streamed.root)).toBe(toHex(before.root));
  expect(sorted(streamed)).toEqual(sorted(before));
  expect(streamed.removed.size).toBe(0);
}

describe("genesisTrieCommit (genesis streamed into the node store)", () => {
  let code: Uint8Array;
  beforeAll(async () => {
    await initCrypto();
    code = await relayRuntimeCode();
  }, 60_000);

  for (const preset of ["development", "local_testnet"]) {
    it(`writes the nodes the overlay wrote, for the ${preset} preset`, () => {
      const genesis = buildGenesisInMemory(new Executor(), code, { preset });
      expectSameCommit(genesis);
      expect(blockHash(genesis.header)).toHaveLength(32);
    });
  }

  it("counts a node each time it occurs: 200 accounts with the same balance share value nodes", () => {
    const accounts = Array.from(
      { length: 200 },
      (_, i) => `["0x${"ab".repeat(28)}${(i + 1).toString(16).padStart(8, "0")}", 1000000000000000]`,
    );
    const config = encodeUtf8(`{"balances":{"balances":[${accounts.join(",")}]}}`);
    const genesis = buildGenesisInMemory(new Executor(), code, { config });
    expectSameCommit(genesis);
    expect([...genesisTrieCommit(genesis).inserted.values()].some((e) => e.refs > 1)).toBe(true);
  });

  it("adds the nodes of default child tries", () => {
    const child: Array<[Uint8Array, Uint8Array]> = Array.from({ length: 50 }, (_, i) => [
      Uint8Array.of(1, i),
      new Uint8Array(40).fill(i),
    ]);
    const top: Array<[Uint8Array, Uint8Array]> = [
      [encodeUtf8(":code"), code],
      [Uint8Array.of(7), Uint8Array.of(1, 2, 3)],
    ];
    const genesis = genesisFromStorage(top, [[encodeUtf8("crowdloan"), child]]);
    expectSameCommit(genesis);
    const withoutChild = genesisTrieCommit({ storage: genesis.storage });
    expect(genesisTrieCommit(genesis).inserted.size).toBeGreaterThan(withoutChild.inserted.size);
  });
});

describe("buildGenesisInMemory with a garbage collector", () => {
  it("calls it every `collectEvery` writes and builds the same genesis", async () => {
    await initCrypto();
    const code = await relayRuntimeCode();
    const accounts = Array.from(
      { length: 300 },
      (_, i) => `["0x${"cd".repeat(28)}${(i + 1).toString(16).padStart(8, "0")}", 1000000000000000]`,
    );
    const config = encodeUtf8(`{"balances":{"balances":[${accounts.join(",")}]}}`);
    let calls = 0;
    const collected = buildGenesisInMemory(
      new Executor(),
      code,
      { config },
      {
        collectGarbage: () => calls++,
        collectEvery: 50,
      },
    );
    const plain = buildGenesisInMemory(new Executor(), code, { config });
    expect(blockHash(collected.header)).toEqual(blockHash(plain.header));
    // The runtime writes once per funded account (System.Account), so 300+ writes.
    expect(calls).toBeGreaterThanOrEqual(6);
  }, 60_000);
});
