import { blockHash, encodeUtf8, toHex } from "@canary/primitives";
import { describe, expect, it } from "vitest";
import { genesisTrieCommit } from "../../../../test/support/genesisTrieCommit.ts";
import { MemoryDatabase, type WriteBatch } from "../db/index.ts";
import { Executor } from "../executor/index.ts";
import { genesisFromStorage, genesisTrie } from "../genesis/index.ts";
import { BlockStore } from "./blockStore.ts";
import { Chain } from "./chain.ts";
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

/** New batches of `d` whose commits first call `before` (which may throw, as a failing disk). */
function batchesOf(d: MemoryDatabase, before: () => void): () => WriteBatch {
  return () => {
    const batch = d.batch();
    const commit = batch.commit.bind(batch);
    batch.commit = () => {
      before();
      commit();
    };
    return batch;
  };
}

describe("writeGenesisTrie", () => {
  it("streams in batches the nodes, counts and journal one commit of the whole trie gives", () => {
    const d = db();
    let commits = 0;
    const newBatch = batchesOf(d, () => commits++);
    const { root, batch } = writeGenesisTrie(newBatch, hash, (sink) => genesisTrie(genesis, sink), {
      batchSize: 7,
    });
    batch.commit();
    expect(toHex(root)).toBe(toHex(genesis.header.stateRoot));
    expect(commits).toBeGreaterThan(expected().nodes.length / 7);
    expect(expected().nodes.some(([, , n]) => (n as number) > 1)).toBe(true);
    expect(stored(d)).toEqual(expected());
  });

  it("collects garbage after every `collectEvery` committed batches, and only between batches", () => {
    const d = db();
    const events: string[] = [];
    const newBatch = batchesOf(d, () => events.push("commit"));
    const { batch } = writeGenesisTrie(newBatch, hash, (sink) => genesisTrie(genesis, sink), {
      batchSize: 7,
      collectGarbage: () => events.push("gc"),
      collectEvery: 3,
    });
    batch.commit();
    const commits = events.filter((e) => e === "commit").length;
    expect(commits).toBeGreaterThan(6);
    // The last batch is the caller's: no collection is asked for after it.
    expect(events.filter((e) => e === "gc").length).toBe(Math.floor((commits - 1) / 3));
    events.forEach((e, i) => {
      if (e === "gc") expect(events.slice(0, i).filter((x) => x === "commit").length % 3).toBe(0);
    });
    expect(stored(d)).toEqual(expected());
  });

  it("comes out the same when written again over a write cut short", () => {
    const d = db();
    let left = 5;
    const failing = batchesOf(d, () => {
      if (left-- === 0) throw new Error("power cut");
    });
    expect(() =>
      writeGenesisTrie(failing, hash, (sink) => genesisTrie(genesis, sink), { batchSize: 7 }),
    ).toThrow(/power cut/);
    expect([...d.keys("trieNode")].length).toBeGreaterThan(0);
    writeGenesisTrie(
      () => d.batch(),
      hash,
      (sink) => genesisTrie(genesis, sink),
      { batchSize: 7 },
    ).batch.commit();
    expect(stored(d)).toEqual(expected());
  });
});

describe("a chain's genesis write", () => {
  it("refuses storage that does not match the header's root and records no genesis block; the matching header is written", () => {
    const bad = { ...genesis, header: { ...genesis.header, stateRoot: new Uint8Array(32).fill(9) } };
    const d = new MemoryDatabase({ genesisHash: blockHash(bad.header), chainId: "test" });
    expect(() => new Chain({ db: d, executor: new Executor(), genesis: bad })).toThrow(
      expect.objectContaining({ code: "CHAIN_BAD_GENESIS" }),
    );
    expect(new BlockStore(d).has(blockHash(bad.header))).toBe(false);
    const good = new MemoryDatabase({ genesisHash: blockHash(genesis.header), chainId: "test" });
    const chain = new Chain({ db: good, executor: new Executor(), genesis });
    expect(toHex(chain.best().hash)).toBe(toHex(blockHash(genesis.header)));
    expect(new DbNodeStore(good).get(genesis.header.stateRoot)).toBeDefined();
  });
});
