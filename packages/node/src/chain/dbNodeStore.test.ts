import { encodeUtf8, toHex } from "@canary/primitives";
import { describe, expect, it } from "vitest";
import { MemoryDatabase, type WriteBatch } from "../db/index.ts";
import { genesisFromStorage, genesisTrie, genesisTrieCommit } from "../genesis/index.ts";
import { DbNodeStore, StateJournal, writeGenesisTrie } from "./dbNodeStore.ts";

// 300 entries whose values repeat (shared value nodes, counted more than once) and a child trie.
const genesis = genesisFromStorage(
  [
    [encodeUtf8(":code"), new Uint8Array(64).fill(1)],
    ...Array.from({ length: 300 }, (_, i): [Uint8Array, Uint8Array] => [
      new Uint8Array(32).fill(i & 0xff, 0, 2).fill(i >> 8, 2),
      new Uint8Array(40).fill(i % 3),
    ]),
  ],
  [[encodeUtf8("crowdloan"), [[Uint8Array.of(1), new Uint8Array(50).fill(9)]]]],
);
const hash = new Uint8Array(32).fill(7);
const db = () => new MemoryDatabase({ genesisHash: hash, chainId: "test" });

/** What the database holds of the trie: every node, its count, and genesis's journal. */
function stored(d: MemoryDatabase) {
  const nodes = new DbNodeStore(d);
  const expected = genesisTrieCommit(genesis);
  return {
    nodes: [...expected.inserted.keys()].map((h) => {
      const bytes = Uint8Array.from(Buffer.from(h.slice(2), "hex"));
      return [h, toHex(nodes.get(bytes) ?? new Uint8Array()), nodes.refCount(bytes)];
    }),
    tables: [...d.keys("trieNode")].length,
    journal: StateJournal.dec(d.get("stateJournal", Uint8Array.of(0, 0, 0, 0, ...hash))!).map((list) =>
      list.map(([h, n]) => [toHex(h), n]).sort(),
    ),
  };
}

function expected() {
  const commit = genesisTrieCommit(genesis);
  const nodes = [...commit.inserted].map(([h, e]) => [h, toHex(e.data), e.refs]);
  return {
    nodes,
    tables: nodes.length,
    journal: [nodes.map(([h, , n]) => [h, n]).sort(), []],
  };
}

describe("writeGenesisTrie", () => {
  it("streams in batches the nodes, counts and journal one commit of the whole trie gives", () => {
    const d = db();
    let commits = 0;
    const newBatch = (): WriteBatch => {
      const batch = d.batch();
      const commit = batch.commit.bind(batch);
      batch.commit = () => {
        commits++;
        commit();
      };
      return batch;
    };
    const { root, batch } = writeGenesisTrie(newBatch, hash, (sink) => genesisTrie(genesis, sink), 7);
    batch.commit();
    expect(toHex(root)).toBe(toHex(genesis.header.stateRoot));
    expect(commits).toBeGreaterThan(expected().nodes.length / 7);
    expect(expected().nodes.some(([, , n]) => (n as number) > 1)).toBe(true);
    expect(stored(d)).toEqual(expected());
  });

  it("comes out the same when written again over a write cut short", () => {
    const d = db();
    let left = 5;
    const failing = (): WriteBatch => {
      const batch = d.batch();
      const commit = batch.commit.bind(batch);
      batch.commit = () => {
        if (left-- === 0) throw new Error("power cut");
        commit();
      };
      return batch;
    };
    expect(() => writeGenesisTrie(failing, hash, (sink) => genesisTrie(genesis, sink), 7)).toThrow(
      /power cut/,
    );
    expect([...d.keys("trieNode")].length).toBeGreaterThan(0);
    writeGenesisTrie(
      () => d.batch(),
      hash,
      (sink) => genesisTrie(genesis, sink),
      7,
    ).batch.commit();
    expect(stored(d)).toEqual(expected());
  });
});
