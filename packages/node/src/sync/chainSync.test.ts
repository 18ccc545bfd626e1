/**
 * Chain sync against in-memory peers, no libp2p: peers that serve a chain, serve a fork, lie,
 * say nothing, or stay silent; and a chain that refuses a block, or fails on its own.
 */
import {
  type Block,
  blockHash,
  bytesEqual,
  type Header,
  Header as HeaderCodec,
  toHex,
} from "@canary/primitives";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ChainError, importFault } from "../chain/errors.ts";
import { DbError } from "../db/errors.ts";
import { ExecutorError } from "../executor/errors.ts";
import { answerBlockRequest } from "../network/blockServer.ts";
import { createLogger } from "../service/logger.ts";
import type { BlockRequest, BlockResponse, BlockSource, SyncPeer } from "./blockRequests.ts";
import { ChainSync, MAX_ANCESTRY, type Offence, type SyncChain } from "./chainSync.ts";
import { SyncError } from "./errors.ts";

const GENESIS: Header = {
  parentHash: new Uint8Array(32),
  number: 0,
  stateRoot: new Uint8Array(32),
  extrinsicsRoot: new Uint8Array(32),
  digest: [],
};

/** `count` blocks on top of `parent`; `fork` tells apart blocks of different forks at one height. */
function grow(parent: Header, count: number, fork: number): Block[] {
  const out: Block[] = [];
  let prev = parent;
  for (let i = 0; i < count; i++) {
    const header = {
      parentHash: blockHash(prev),
      number: prev.number + 1,
      stateRoot: new Uint8Array(32).fill(fork),
      extrinsicsRoot: new Uint8Array(32),
      digest: [],
    };
    out.push({ header, extrinsics: [new Uint8Array([fork, header.number & 0xff])] });
    prev = header;
  }
  return out;
}

const hashOf = (b: Block) => blockHash(b.header);
const tip = (blocks: Block[]) => blocks[blocks.length - 1]!;

/** A peer's chain: its best chain from genesis, served as a node's block server serves it. */
class PeerChain {
  readonly blocks: Block[];
  readonly #byHash: Map<string, Block>;

  constructor(blocks: Block[]) {
    this.blocks = [{ header: GENESIS, extrinsics: [] }, ...blocks];
    this.#byHash = new Map(this.blocks.map((b) => [toHex(hashOf(b)), b]));
  }

  header = (hash: Uint8Array) => this.#byHash.get(toHex(hash))?.header;
  body = (hash: Uint8Array) => this.#byHash.get(toHex(hash))?.extrinsics;
  hashAt = (n: number) => (this.blocks[n] ? hashOf(this.blocks[n]) : undefined);
  justifications = (_hash: Uint8Array): Array<[Uint8Array, Uint8Array]> | undefined => undefined;
  answer = (request: BlockRequest): BlockResponse => answerBlockRequest(this, request);
}

interface FakePeer extends SyncPeer {
  bestNumber: number;
  bestHash: Uint8Array;
  serve(request: BlockRequest, signal: AbortSignal): Promise<BlockResponse>;
}

/** An honest peer serving `chain`, at its tip. */
function honest(peerId: string, chain: PeerChain): FakePeer {
  const best = tip(chain.blocks).header;
  return {
    peerId,
    bestNumber: best.number,
    bestHash: blockHash(best),
    serve: async (request) => chain.answer(request),
  };
}

class FakeSource implements BlockSource<FakePeer> {
  readonly list: FakePeer[] = [];
  readonly asked: Array<{ peer: string; request: BlockRequest }> = [];
  peers = () => this.list;
  request = (peer: FakePeer, request: BlockRequest, signal: AbortSignal) => {
    this.asked.push({ peer: peer.peerId, request });
    return peer.serve(request, signal);
  };
}

/** The local chain: the longest wins, the first seen on a tie; `fail` makes an import throw. */
class LocalChain implements SyncChain {
  readonly #headers = new Map<string, Header>();
  #best: Header = GENESIS;
  readonly imported: number[] = [];
  fail: ((block: Block) => Error | undefined) | undefined;
  readonly importFault = importFault;

  constructor(blocks: Block[] = []) {
    this.#headers.set(toHex(blockHash(GENESIS)), GENESIS);
    for (const b of blocks) this.#add(b.header);
  }

  best = () => ({ number: this.#best.number, hash: blockHash(this.#best) });
  has = (hash: Uint8Array) => this.#headers.has(toHex(hash));

  importBlock = (block: Block) => {
    const error = this.fail?.(block);
    if (error) throw error;
    if (!this.has(block.header.parentHash))
      throw new ChainError("CHAIN_UNKNOWN_PARENT", `#${block.header.number}'s parent is not known`);
    this.#add(block.header);
    this.imported.push(block.header.number);
  };

  #add(header: Header): void {
    this.#headers.set(toHex(blockHash(header)), header);
    if (header.number > this.#best.number) this.#best = header;
  }
}

/**
 * `local` behind a queue, as the node's import queue is: each import resolves later, in order
 * (after `waitMs` of its block), and `events` records each block imported.
 */
function queueing(local: LocalChain, events: string[], waitMs = (_: Block) => 0): SyncChain {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    best: local.best,
    has: local.has,
    importFault: local.importFault,
    importBlock: (block) => {
      const done = tail
        .then(() => new Promise((resolve) => setTimeout(resolve, waitMs(block))))
        .then(() => {
          local.importBlock(block);
          events.push(`import #${block.header.number}`);
        });
      tail = done.catch(() => {});
      return done;
    },
  };
}

interface Reported {
  peer: string;
  offence: Offence;
  error: unknown;
}

/** Sync into `local`, or into `chain` when it is given (`local` behind a queue). */
function setup(local = new LocalChain(), requestTimeoutMs?: number, chain: SyncChain = local) {
  const source = new FakeSource();
  const reports: Reported[] = [];
  const lines: string[] = [];
  let idle = 0;
  const sync = new ChainSync({
    source,
    chain,
    log: createLogger("debug", (l) => lines.push(l)),
    report: (peer, offence, error) => reports.push({ peer, offence, error }),
    onIdle: () => idle++,
    ...(requestTimeoutMs === undefined ? {} : { requestTimeoutMs }),
  });
  return { sync, source, local, reports, lines, idle: () => idle };
}

const sameTip = (local: LocalChain, chain: PeerChain) =>
  bytesEqual(local.best().hash, hashOf(tip(chain.blocks)));
const codeOf = (e: unknown) => (e as { code?: string }).code;

afterEach(() => {
  vi.useRealTimers();
});

describe("chain sync", () => {
  it("catches up more than 128 behind by number, then walks down from the peer's best", async () => {
    const chain = new PeerChain(grow(GENESIS, 300, 1));
    const { sync, source, local, reports, idle } = setup();
    const seen: Array<{ syncing: boolean; highest: number }> = [];
    const peer = honest("A", chain);
    source.list.push({
      ...peer,
      serve: async (request, signal) => {
        seen.push({ syncing: sync.isSyncing, highest: sync.highestBlock() });
        return peer.serve(request, signal);
      },
    });
    expect(sync.isSyncing).toBe(false);
    await sync.wake();

    expect(sameTip(local, chain)).toBe(true);
    expect(local.imported).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(source.asked.map((a) => a.request)).toEqual([
      {
        fields: 0x13,
        multipleJustifications: true,
        from: { number: 1 },
        direction: "Ascending",
        maxBlocks: 128,
      },
      {
        fields: 0x13,
        multipleJustifications: true,
        from: { number: 129 },
        direction: "Ascending",
        maxBlocks: 128,
      },
      {
        fields: 0x13,
        multipleJustifications: true,
        from: { hash: peer.bestHash },
        direction: "Descending",
        maxBlocks: 44,
      },
    ]);
    // Syncing (the status line's "target=#300") while behind, idle once caught up.
    expect(seen).toEqual([
      { syncing: true, highest: 300 },
      { syncing: true, highest: 300 },
      { syncing: true, highest: 300 },
    ]);
    expect(sync.isSyncing).toBe(false);
    expect(sync.running).toBe(false);
    expect(idle()).toBe(1);
    expect(reports).toEqual([]);
  });

  it("asks for the next response while a queueing chain still imports the last one", async () => {
    const chain = new PeerChain(grow(GENESIS, 300, 1));
    const local = new LocalChain();
    const events: string[] = [];
    const { sync, source, reports } = setup(local, undefined, queueing(local, events));
    const peer = honest("A", chain);
    source.list.push({
      ...peer,
      serve: (request, signal) => {
        events.push(`ask ${"number" in request.from ? `#${request.from.number}` : "best"}`);
        return peer.serve(request, signal);
      },
    });
    await sync.wake();

    expect(sameTip(local, chain)).toBe(true);
    expect(local.imported).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    // The same requests as a chain that imports at once (the test above), each sent before the
    // blocks of the one before it have imported.
    expect(events.filter((e) => e.startsWith("ask"))).toEqual(["ask #1", "ask #129", "ask best"]);
    expect(events.indexOf("ask #129")).toBeLessThan(events.indexOf("import #1"));
    expect(events.indexOf("ask best")).toBeLessThan(events.indexOf("import #129"));
    expect(reports).toEqual([]);
  });

  it("starts the clock of a request asked ahead when the imports it waits behind are done", async () => {
    // The peer answers the request asked ahead in 150 ms, past the timeout, while this node is
    // still importing (block #1 takes 300 ms): the wait is this node's, not the peer's.
    const chain = new PeerChain(grow(GENESIS, 150, 1));
    const local = new LocalChain();
    const { sync, source, reports } = setup(
      local,
      100,
      queueing(local, [], (b) => (b.header.number === 1 ? 300 : 0)),
    );
    const peer = honest("A", chain);
    let answered = 0;
    source.list.push({
      ...peer,
      serve: async (request, signal) => {
        if (answered++ > 0) await new Promise((r) => setTimeout(r, 150));
        return peer.serve(request, signal);
      },
    });
    await sync.wake();

    expect(reports).toEqual([]);
    expect(sameTip(local, chain)).toBe(true);
    expect(source.asked).toHaveLength(2);
  });

  it("drops the response asked ahead when a block before it is refused", async () => {
    const chain = new PeerChain(grow(GENESIS, 300, 1));
    const local = new LocalChain();
    const refusal = new ChainError(
      "CHAIN_BAD_STATE_ROOT",
      "block #50: the state root differs from the header's",
    );
    local.fail = (b) => (b.header.number === 50 ? refusal : undefined);
    const { sync, source, reports } = setup(local, undefined, queueing(local, []));
    source.list.push(honest("A", chain));
    await sync.wake();

    expect(source.asked.map((a) => a.request.from)).toEqual([{ number: 1 }, { number: 129 }]);
    expect(local.imported).toEqual(Array.from({ length: 49 }, (_, i) => i + 1));
    expect(reports).toEqual([{ peer: "A", offence: "badBlock", error: refusal }]);
  });

  it("reports the median of the peers' best blocks as the highest, so one liar cannot set the target", () => {
    const { sync, source } = setup(new LocalChain(grow(GENESIS, 3, 1)));
    expect(sync.highestBlock()).toBe(3); // no peers: ours
    const peer = (peerId: string, bestNumber: number) => ({
      peerId,
      bestNumber,
      bestHash: new Uint8Array(32),
      serve: async () => [],
    });
    source.list.push(peer("liar", 1_000_000));
    expect(sync.highestBlock()).toBe(1_000_000); // one peer: all we know
    source.list.push(peer("a", 7), peer("b", 8));
    expect(sync.highestBlock()).toBe(8);
    source.list.push(peer("c", 1));
    expect(sync.highestBlock()).toBe(8); // the upper median of 1, 7, 8, 1,000,000
    source.list.splice(0, 3);
    expect(sync.highestBlock()).toBe(3); // never below ours
  });

  it("follows a peer one block ahead with one request, without counting as syncing", async () => {
    const blocks = grow(GENESIS, 6, 1);
    const chain = new PeerChain(blocks);
    const { sync, source, local } = setup(new LocalChain(blocks.slice(0, 5)));
    const peer = honest("A", chain);
    let syncing: boolean | undefined;
    source.list.push({
      ...peer,
      serve: (request, signal) => {
        syncing = sync.isSyncing;
        return peer.serve(request, signal);
      },
    });
    await sync.wake();
    expect(local.imported).toEqual([6]);
    expect(source.asked.map((a) => a.request)).toEqual([
      {
        fields: 0x13,
        multipleJustifications: true,
        from: { hash: peer.bestHash },
        direction: "Descending",
        maxBlocks: 1,
      },
    ]);
    expect(syncing).toBe(false);
  });

  it("moves to a longer fork, finding the common ancestor below what the peer first sent", async () => {
    const common = grow(GENESIS, 10, 1);
    const ours = grow(tip(common).header, 2, 2);
    const theirs = grow(tip(common).header, 130, 3);
    const chain = new PeerChain([...common, ...theirs]);
    const { sync, source, local, reports } = setup(new LocalChain([...common, ...ours]));
    source.list.push(honest("A", chain));
    await sync.wake();

    expect(sameTip(local, chain)).toBe(true);
    expect(local.imported).toEqual(Array.from({ length: 130 }, (_, i) => i + 11));
    // 128 down from its best (#140 to #13), then down from #12, the first unknown parent, to #10.
    expect(source.asked.map((a) => a.request)).toEqual([
      {
        fields: 0x13,
        multipleJustifications: true,
        from: { hash: hashOf(tip(theirs)) },
        direction: "Descending",
        maxBlocks: 128,
      },
      {
        fields: 0x13,
        multipleJustifications: true,
        from: { hash: hashOf(theirs[1]!) },
        direction: "Descending",
        maxBlocks: 128,
      },
    ]);
    expect(reports).toEqual([]);
  });

  it("gives up on a peer whose chain meets ours more than 512 blocks down, until it announces more", async () => {
    const ours = grow(GENESIS, 600, 1);
    const theirs = grow(GENESIS, 601, 2);
    const chain = new PeerChain(theirs);
    const { sync, source, local, reports } = setup(new LocalChain(ours));
    const peer = honest("A", chain);
    source.list.push(peer);
    await sync.wake();

    expect(local.imported).toEqual([]);
    expect(local.best().number).toBe(600);
    expect(reports).toEqual([{ peer: "A", offence: "badResponse", error: expect.any(SyncError) }]);
    expect(codeOf(reports[0]!.error)).toBe("NETWORK_NO_COMMON_ANCESTOR");
    expect((reports[0]!.error as Error).message).toBe(`no common ancestor within ${MAX_ANCESTRY} blocks`);
    // One request for its best, then four of 128 walking down.
    expect(source.asked).toHaveLength(5);

    // Not asked again at the same best block...
    await sync.wake();
    expect(source.asked).toHaveLength(5);
    // ...but asked again once it has another.
    peer.bestHash = hashOf(theirs[599]!); // any block it has that we lack
    await sync.wake();
    expect(source.asked.length).toBeGreaterThan(5);
  });

  it("reports a peer that lies, changes nothing for it, and syncs from an honest one", async () => {
    const chain = new PeerChain(grow(GENESIS, 5, 1));
    // The liar claims a longer fork (so it is asked first) and answers for it wrongly.
    const fork = new PeerChain(grow(GENESIS, 6, 9));
    const forkTip = tip(fork.blocks).header;
    const lies: Array<[string, (r: BlockRequest, nth: number) => BlockResponse, RegExp]> = [
      [
        "a hash that is not its header's",
        (r) => fork.answer(r).map((d) => ({ ...d, hash: d.hash.with(0, 1) })),
        /block 0's header does not hash to its hash/,
      ],
      [
        "more blocks than asked",
        (r) => fork.answer({ ...r, maxBlocks: r.maxBlocks + 1 }),
        /7 blocks for a request of 6/,
      ],
      [
        "another block than asked",
        (r) => fork.answer({ ...r, from: { number: 5 } }),
        /the first block is not the one asked for/,
      ],
      [
        "blocks that are not parent and child",
        (r) => fork.answer(r).filter((_, i) => i !== 1),
        /blocks 0 and 1 are not parent and child/,
      ],
      [
        "a block without its header",
        (r) => fork.answer(r).map((d) => ({ hash: d.hash })),
        /block 0 has no header/,
      ],
      [
        "an undecodable header",
        (r) => fork.answer(r).map((d) => ({ ...d, header: new Uint8Array([1]) })),
        /undecodable block 0's header/,
      ],
      // Its best block alone, then nothing below it.
      [
        "a block without its ancestors",
        (r, nth) => (nth === 0 ? fork.answer(r).slice(0, 1) : []),
        /none of the ancestors/,
      ],
    ];
    for (const [what, lie, message] of lies) {
      const { sync, source, local, reports } = setup();
      let nth = 0;
      source.list.push(
        {
          peerId: "liar",
          bestNumber: forkTip.number,
          bestHash: blockHash(forkTip),
          serve: async (r) => lie(r, nth++),
        },
        honest("honest", chain),
      );
      await sync.wake();
      expect(reports, what).toEqual([{ peer: "liar", offence: "badResponse", error: expect.any(SyncError) }]);
      expect(codeOf(reports[0]!.error), what).toBe("NETWORK_BAD_RESPONSE");
      expect((reports[0]!.error as Error).message, what).toMatch(message);
      expect(local.imported, what).toEqual([1, 2, 3, 4, 5]);
      expect(sameTip(local, chain), what).toBe(true);
    }
  });

  it("reports a peer whose request fails on the way, leaving it to the network to judge", async () => {
    const chain = new PeerChain(grow(GENESIS, 3, 1));
    const { sync, source, local, reports } = setup();
    const gone = Object.assign(new Error("the stream was reset"), { name: "StreamResetError" });
    source.list.push({ ...honest("A", chain), serve: () => Promise.reject(gone) });
    await sync.wake();
    expect(reports).toEqual([{ peer: "A", offence: "badResponse", error: gone }]);
    expect(local.imported).toEqual([]);
  });

  it("reports a peer that does not answer within the timeout, and aborts its request", async () => {
    vi.useFakeTimers();
    const chain = new PeerChain(grow(GENESIS, 3, 1));
    const { sync, source, local, reports } = setup();
    let signal: AbortSignal | undefined;
    source.list.push({
      ...honest("silent", chain),
      serve: (_, s) => {
        signal = s;
        return new Promise(() => {});
      },
    });
    const run = sync.wake();
    await vi.advanceTimersByTimeAsync(19_999);
    expect(reports).toEqual([]);
    expect(signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await run;
    expect(reports).toEqual([{ peer: "silent", offence: "timeout", error: expect.any(SyncError) }]);
    expect(codeOf(reports[0]!.error)).toBe("NETWORK_TIMEOUT");
    expect(signal?.aborted).toBe(true);
    expect(local.imported).toEqual([]);
  });

  describe("a slow peer", () => {
    /** Serves `chain` one block per request, `ms` after each request; `signal` is the last one's. */
    function drip(chain: PeerChain, ms: number) {
      const state = {
        signal: undefined as AbortSignal | undefined,
        serve: (request: BlockRequest, signal: AbortSignal): Promise<BlockResponse> => {
          state.signal = signal;
          return new Promise((resolve) => {
            const timer = setTimeout(() => resolve(chain.answer(request).slice(0, 1)), ms);
            signal.addEventListener("abort", () => clearTimeout(timer));
          });
        },
      };
      return state;
    }

    it("is asked only when no other peer can help, so that dripping blocks does not hold sync back", async () => {
      vi.useFakeTimers();
      const chain = new PeerChain(grow(GENESIS, 200, 1));
      const { sync, source, local, reports } = setup();
      // It claims more than the honest peer (so it is asked first) and relays the honest blocks.
      const staller = { peerId: "staller", bestNumber: 300, bestHash: new Uint8Array(32).fill(3) };
      const stall = drip(chain, 19_900);
      const honestPeer = honest("honest", chain);
      source.list.push({ ...staller, serve: stall.serve }, honestPeer);
      const run = sync.wake();
      await vi.advanceTimersByTimeAsync(19_899);
      expect(local.imported).toEqual([]);
      // Its one block, slowly: it is marked slow, and the honest peer gives the other 199 at once.
      await vi.advanceTimersByTimeAsync(1);
      expect(local.imported).toHaveLength(200);
      expect(sameTip(local, chain)).toBe(true);
      // Then the staller is asked, last; the honest peer's next blocks do not wait for its answer.
      expect(source.asked.filter((a) => a.peer === "staller")).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1_000);
      const longer = new PeerChain(grow(GENESIS, 210, 1));
      Object.assign(honestPeer, honest("honest", longer));
      sync.wake();
      expect(stall.signal?.aborted).toBe(true);
      await vi.advanceTimersByTimeAsync(0);
      expect(sameTip(local, longer)).toBe(true);
      await vi.advanceTimersByTimeAsync(20_000);
      await run;
      expect(reports).toEqual([]); // slow is not wrong
    });

    it("has its request given up once late, when another peer has blocks we lack, with no offence", async () => {
      vi.useFakeTimers();
      const chain = new PeerChain(grow(GENESIS, 5, 1));
      const { sync, source, local, reports } = setup();
      const stall = drip(chain, 19_900);
      const late = { ...honest("late", chain), bestNumber: 0, bestHash: hashOf(chain.blocks[0]!) };
      source.list.push({ ...honest("staller", chain), serve: stall.serve }, late);
      const run = sync.wake();
      await vi.advanceTimersByTimeAsync(4_000);
      Object.assign(late, honest("late", chain)); // it announces #5
      sync.wake(); // not late yet (5 s): the request stands
      expect(stall.signal?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1_000);
      sync.wake();
      expect(stall.signal?.aborted).toBe(true);
      await vi.advanceTimersByTimeAsync(0);
      await run;
      expect(sameTip(local, chain)).toBe(true);
      expect(reports).toEqual([]);
      expect(source.asked.map((a) => a.peer)).toEqual(["staller", "late"]);
    });

    it("is still followed when it is the only peer with blocks we lack", async () => {
      vi.useFakeTimers();
      const chain = new PeerChain(grow(GENESIS, 3, 1));
      const { sync, source, local, reports } = setup();
      source.list.push({ ...honest("far", chain), serve: drip(chain, 8_000).serve });
      const run = sync.wake();
      await vi.advanceTimersByTimeAsync(6_000);
      sync.wake(); // late, but nobody else can help: the request stands
      await vi.advanceTimersByTimeAsync(3 * 8_000);
      await run;
      expect(local.imported).toEqual([1, 2, 3]);
      expect(source.asked).toHaveLength(3);
      expect(reports).toEqual([]);
    });
  });

  it("reports a peer whose block the chain refuses as invalid, keeping the blocks before it", async () => {
    for (const refusal of [
      new ChainError("CHAIN_BAD_STATE_ROOT", "block #3: the state root differs from the header's"),
      new ExecutorError("RUNTIME_PANIC", "Core_execute_block panicked: bad signature"),
      new ChainError("BLOCK_WRONG_SLOT", "block #3: slot 7 is authority #1's turn, not #0's"),
    ]) {
      const chain = new PeerChain(grow(GENESIS, 5, 1));
      const { sync, source, local, reports } = setup();
      local.fail = (b) => (b.header.number === 3 ? refusal : undefined);
      source.list.push(honest("A", chain));
      await sync.wake();
      expect(reports).toEqual([{ peer: "A", offence: "badBlock", error: refusal }]);
      expect(local.imported).toEqual([1, 2]);
      // Not asked again for the same blocks.
      const asked = source.asked.length;
      await sync.wake();
      expect(source.asked).toHaveLength(asked);
    }
  });

  it("does not blame a peer for the node's own failure, and retries on the next wake", async () => {
    for (const failure of [
      new DbError("DB_WRITE_FAILED", "the disk is full"),
      new ExecutorError("HOST_FUNCTION_FAILED", "Core_execute_block: host function storage_get failed"),
      new Error("something unexpected"),
    ]) {
      const chain = new PeerChain(grow(GENESIS, 5, 1));
      const { sync, source, local, reports, lines } = setup();
      local.fail = (b) => (b.header.number === 3 ? failure : undefined);
      source.list.push(honest("A", chain));
      await sync.wake();
      expect(reports).toEqual([]);
      expect(local.imported).toEqual([1, 2]);
      expect(lines.join("\n")).toContain(`sync: importing #3 failed here: ${failure.message}`);

      local.fail = undefined;
      await sync.wake();
      expect(sameTip(local, chain)).toBe(true);
    }
  });

  it("does not blame a peer whose chain left ours below our finalized block, and syncs from another", async () => {
    for (const refusal of [
      new ChainError(
        "CHAIN_NOT_IN_FINALIZED_CHAIN",
        "block #3 is on a fork that left the chain below the finalized #2",
      ),
      new ChainError("CHAIN_BELOW_FINALIZED", "block #3 is at or below the finalized #3"),
      // Its parent was imported, then dropped as a fork once this node finalized past it.
      new ChainError("CHAIN_UNKNOWN_PARENT", "block #3's parent is not known"),
    ]) {
      const forked = new PeerChain(grow(GENESIS, 5, 1));
      const ours = new PeerChain(grow(GENESIS, 4, 2));
      const { sync, source, local, reports, lines } = setup();
      const third = toHex(hashOf(forked.blocks[3]!));
      local.fail = (b) => (toHex(hashOf(b)) === third ? refusal : undefined);
      source.list.push(honest("A", forked));
      await sync.wake();
      expect(reports).toEqual([]);
      expect(lines.join("\n")).toContain(
        `sync: not following A, its chain cannot join ours: ${refusal.message}`,
      );
      // Not asked again until it announces another best; meanwhile another peer is followed.
      const asked = source.asked.length;
      source.list.push(honest("B", ours));
      await sync.wake();
      expect(source.asked.slice(asked).every((a) => a.peer === "B")).toBe(true);
      expect(sameTip(local, ours)).toBe(true);
    }
  });

  it("leaves alone a peer with nothing at its advertised best until it announces another", async () => {
    const blocks = grow(GENESIS, 4, 1);
    const chain = new PeerChain(blocks);
    const { sync, source, local, reports } = setup();
    const peer = { ...honest("A", chain), bestNumber: 9, bestHash: new Uint8Array(32).fill(7) };
    source.list.push(peer);
    await sync.wake();
    expect(source.asked).toHaveLength(1); // it answered with nothing: no offence
    expect(reports).toEqual([]);
    await sync.wake();
    expect(source.asked).toHaveLength(1);

    Object.assign(peer, { bestNumber: 4, bestHash: hashOf(tip(blocks)) });
    await sync.wake();
    expect(sameTip(local, chain)).toBe(true);
  });

  it("asks nobody once stopped", async () => {
    const chain = new PeerChain(grow(GENESIS, 2, 1));
    const { sync, source, idle } = setup();
    source.list.push(honest("A", chain));
    sync.stop();
    await sync.wake();
    expect(source.asked).toEqual([]);
    expect(idle()).toBe(0);
  });
});

// The header codec is what peers send: make sure the fakes above serve real encodings.
it("serves headers in their SCALE encoding", () => {
  const [b] = grow(GENESIS, 1, 1);
  const [data] = new PeerChain([b!]).answer({
    fields: 1,
    from: { number: 1 },
    direction: "Ascending",
    maxBlocks: 1,
  });
  expect(data!.header).toEqual(HeaderCodec.enc(b!.header));
});
