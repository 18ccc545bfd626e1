/**
 * The GRANDPA voter on real chains: four validators' voters (each on its own database and chain,
 * joined by an in-memory transport, on a fake clock) finalize the chain up to two blocks below
 * the best, with justifications that an independent check accepts; three of four still finalize,
 * two of four cannot; an observer without keys follows their commits; one voter alone finalizes
 * (`--dev`); bad commits are refused and charged.
 */
import {
  type DevAccountName,
  devKeypair,
  initCrypto,
  signGrandpaVote,
  verifyGrandpaJustification,
} from "@canary/crypto";
import { buildGenesisInMemory, Executor, type Genesis } from "@canary/node";
import {
  type Block,
  blockHash,
  fromHex,
  GRANDPA_ENGINE_ID,
  type GrandpaGossipMessage,
  toHex,
} from "@canary/primitives";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { FinalityProof, registerGrandpa } from "../../packages/node/src/rpc/methods/grandpa.ts";
import { DEV_ED25519 } from "../../runtimes/relay/src/index.ts";
import { relayBundle } from "../relay/harness.ts";
import { blocks, cleanup, network } from "../support/grandpaNet.ts";

const NAMES = ["Alice", "Bob", "Charlie", "Dave"] as const satisfies DevAccountName[];

/** `who`'s signed vote of `tag` in `round` of set 0 for block `n` of `built`, as gossip carries it. */
function vote(
  built: Block[],
  who: DevAccountName,
  round: bigint,
  tag: "Prevote" | "Precommit",
  n: number,
): GrandpaGossipMessage {
  const target = { targetHash: blockHash(built[n - 1]!.header), targetNumber: n };
  const message = signGrandpaVote(devKeypair(who, "ed25519"), { tag, value: target }, round, 0n);
  return { tag: "Vote", value: { round, setId: 0n, message } };
}
let local: Genesis;
let dev: Genesis;

beforeAll(async () => {
  await initCrypto();
  const code = (await relayBundle()).code;
  local = buildGenesisInMemory(new Executor(), code, { preset: "local_testnet" });
  dev = buildGenesisInMemory(new Executor(), code, { preset: "development" });
}, 60_000);

afterEach(cleanup);

describe("the GRANDPA voter", () => {
  it("four voters finalize up to two below the best, with justifications an independent check accepts", () => {
    const built = blocks(local, 8, NAMES);
    const { nodes, run } = network(local, NAMES);
    for (const n of nodes) for (const b of built) n.chain.importBlock(b);
    for (const n of nodes) n.voter.start();
    run(3_000);
    for (const n of nodes) expect(n.chain.finalized().number).toBe(6);
    const hashes = nodes.map((n) => toHex(n.chain.finalized().hash));
    expect(new Set(hashes).size).toBe(1);
    const authorities = NAMES.map((name) => [DEV_ED25519[name], 1n] as const);
    const finalized = nodes[0]!.chain.finalized();
    const [engine, justification] = nodes[0]!.chain.blocks.justifications(finalized.hash)![0]!;
    expect(toHex(engine)).toBe(toHex(GRANDPA_ENGINE_ID));
    expect(() =>
      verifyGrandpaJustification(justification, authorities, 0n, { target: finalized }),
    ).not.toThrow();
  });

  it("a node that syncs applies a stored justification, and refuses one for another block", () => {
    const built = blocks(local, 6, NAMES);
    const voters = network(local, NAMES);
    for (const n of voters.nodes) for (const b of built) n.chain.importBlock(b);
    for (const n of voters.nodes) n.voter.start();
    voters.run(3_000);
    const source = voters.nodes[0]!.chain;
    const target = source.finalized();
    const justification = source.blocks.justifications(target.hash)![0]![1];
    const syncing = network(local, ["observer"]);
    const node = syncing.nodes[0]!;
    for (const b of built) node.chain.importBlock(b);
    node.voter.start();
    expect(() => node.voter.importJustification(source.blocks.hashAt(2)!, justification)).toThrow(/is for/);
    node.voter.importJustification(target.hash, justification);
    expect(node.chain.finalized()).toEqual(target);
  });

  it("finalizes with three of four voters, and not with two", () => {
    const built = blocks(local, 6, NAMES);
    const three = network(local, NAMES.slice(0, 3));
    const two = network(local, NAMES.slice(0, 2));
    for (const net of [three, two]) {
      for (const n of net.nodes) for (const b of built) n.chain.importBlock(b);
      for (const n of net.nodes) n.voter.start();
      net.run(3_000);
    }
    for (const n of three.nodes) expect(n.chain.finalized().number).toBe(4);
    for (const n of two.nodes) expect(n.chain.finalized().number).toBe(0);
  });

  it("an observer without keys follows the voters' commits", () => {
    const built = blocks(local, 6, NAMES);
    const net = network(local, [...NAMES, "observer"]);
    for (const n of net.nodes) for (const b of built) n.chain.importBlock(b);
    for (const n of net.nodes) n.voter.start();
    net.run(3_000);
    expect(net.nodes[4]!.chain.finalized().number).toBe(4);
  });

  it("one voter alone finalizes its chain (--dev)", () => {
    const built = blocks(dev, 5, ["Alice"]);
    const net = network(dev, ["Alice"]);
    for (const b of built) net.nodes[0]!.chain.importBlock(b);
    net.nodes[0]!.voter.start();
    net.run(1_000);
    expect(net.nodes[0]!.chain.finalized().number).toBe(3);
  });

  it("counts an equivocator's second precommit into the commit it makes, which a peer then accepts", () => {
    const built = blocks(dev, 5, ["Alice"]);
    const net = network(dev, ["observer", "observer"]);
    const [hearer, peer] = net.nodes;
    for (const n of net.nodes) for (const b of built) n.chain.importBlock(b);
    for (const n of net.nodes) n.voter.start();
    // Alice (the one voter) precommits #1, then #3 in the same round: the round counts her weight
    // for both, so it finalizes #3, which her first precommit does not reach.
    const alice = (tag: "Prevote" | "Precommit", n: number) => vote(built, "Alice", 1n, tag, n);
    for (const m of [alice("Prevote", 3), alice("Precommit", 1), alice("Precommit", 3)])
      hearer!.voter.onMessage("alice", m);
    net.run(100);
    expect(hearer!.voter.equivocations.map((e) => e.kind)).toEqual(["precommit"]);
    const finalized = hearer!.chain.finalized();
    expect(finalized.number).toBe(3);
    const [, justification] = hearer!.chain.blocks.justifications(finalized.hash)![0]!;
    expect(() =>
      verifyGrandpaJustification(justification, [[DEV_ED25519.Alice, 1n]], 0n, { target: finalized }),
    ).not.toThrow();
    // The commit it gossiped finalizes #3 at the peer, which charges no one.
    expect(net.reports).toEqual([]);
    expect(peer!.chain.finalized()).toEqual(finalized);
  });

  it("answers a catch-up with an equivocator's both votes, so the peer finalizes what it finalized", () => {
    const built = blocks(dev, 5, ["Alice"]);
    const net = network(dev, ["observer", "observer"]);
    const [hearer, peer] = net.nodes;
    for (const b of built) hearer!.chain.importBlock(b);
    peer!.chain.importBlock(built[0]!); // behind: the hearer's commits name blocks it lacks
    for (const n of net.nodes) n.voter.start();
    const alice = (round: bigint, tag: "Prevote" | "Precommit", n: number) =>
      vote(built, "Alice", round, tag, n);
    // Round 1 finalizes #3; in round 2 Alice precommits #4, then #5 (before her prevote arrives, so
    // that nothing is final before both count).
    const votes = [alice(1n, "Prevote", 3), alice(1n, "Precommit", 3)];
    votes.push(alice(2n, "Precommit", 4), alice(2n, "Precommit", 5), alice(2n, "Prevote", 5));
    for (const m of votes) hearer!.voter.onMessage("alice", m);
    net.run(1_000);
    expect(hearer!.chain.finalized().number).toBe(5);
    expect(peer!.chain.finalized().number).toBe(0);
    for (const b of built.slice(1)) peer!.chain.importBlock(b);
    hearer!.voter.onMessage("observer", { tag: "CatchUpRequest", value: { round: 2n, setId: 0n } });
    net.run(100);
    expect(net.reports).toEqual([]);
    expect(peer!.chain.finalized()).toEqual(hearer!.chain.finalized());
  });

  it("keeps a voter's early votes for a later round, whatever a non-voter sent for it first", () => {
    const built = blocks(dev, 5, ["Alice"]);
    const net = network(dev, ["observer"]);
    const hearer = net.nodes[0]!;
    for (const b of built) hearer.chain.importBlock(b);
    hearer.voter.start();
    // Bob holds no vote in this set, but his signatures verify: his round-2 votes come first.
    for (const n of [4, 5])
      for (const tag of ["Prevote", "Precommit"] as const) {
        hearer.voter.onMessage("bob", vote(built, "Bob", 2n, tag, n));
      }
    // Alice's round-2 votes arrive before round 1 is done, then round 1's.
    for (const m of [vote(built, "Alice", 2n, "Prevote", 5), vote(built, "Alice", 2n, "Precommit", 5)])
      hearer.voter.onMessage("alice", m);
    for (const m of [vote(built, "Alice", 1n, "Prevote", 3), vote(built, "Alice", 1n, "Precommit", 3)])
      hearer.voter.onMessage("alice", m);
    net.run(1_000);
    expect(hearer.chain.finalized().number).toBe(5);
  });

  it("refuses a commit without a supermajority, or signed badly, and charges the sender", () => {
    const built = blocks(local, 6, NAMES);
    const net = network(local, ["observer"]);
    const observer = net.nodes[0]!;
    for (const b of built) observer.chain.importBlock(b);
    observer.voter.start();
    const target = { targetHash: blockHash(built[3]!.header), targetNumber: 4 };
    const commit = (signers: DevAccountName[], round = 1n): GrandpaGossipMessage => ({
      tag: "Commit",
      value: {
        round,
        setId: 0n,
        message: {
          ...target,
          precommits: signers.map(() => target),
          authData: signers.map((s) => {
            const pair = devKeypair(s, "ed25519");
            const signed = signGrandpaVote(pair, { tag: "Precommit", value: target }, round, 0n);
            return [signed.signature, signed.id] as [Uint8Array, Uint8Array];
          }),
        },
      },
    });
    observer.voter.onMessage("mallory", commit(["Alice", "Bob"]));
    // Signed for round 1, sent as round 2: the signatures do not cover it.
    const moved = commit(["Alice", "Bob", "Charlie"]);
    if (moved.tag === "Commit") moved.value.round = 2n;
    observer.voter.onMessage("mallory", moved);
    expect(observer.chain.finalized().number).toBe(0);
    expect(net.reports).toEqual([
      expect.stringMatching(/under the threshold 3/),
      expect.stringMatching(/bad signature/),
    ]);
    observer.voter.onMessage("carol", commit(["Alice", "Bob", "Charlie"]));
    expect(observer.chain.finalized().number).toBe(4);
  });

  it("does not charge a peer for a commit of a block it has not imported yet, and finalizes on a later one", () => {
    const built = blocks(local, 6, NAMES);
    const net = network(local, ["observer"]);
    const observer = net.nodes[0]!;
    for (const b of built.slice(0, 2)) observer.chain.importBlock(b);
    observer.voter.start();
    const commit = (n: number): GrandpaGossipMessage => {
      const target = { targetHash: blockHash(built[n - 1]!.header), targetNumber: n };
      return {
        tag: "Commit",
        value: {
          round: 1n,
          setId: 0n,
          message: {
            ...target,
            precommits: NAMES.slice(0, 3).map(() => target),
            authData: NAMES.slice(0, 3).map((s) => {
              const signed = signGrandpaVote(
                devKeypair(s, "ed25519"),
                { tag: "Precommit", value: target },
                1n,
                0n,
              );
              return [signed.signature, signed.id] as [Uint8Array, Uint8Array];
            }),
          },
        },
      };
    };
    for (let i = 0; i < 5; i++) observer.voter.onMessage("ahead", commit(4));
    expect(net.reports).toEqual([]);
    expect(observer.chain.finalized().number).toBe(0);
    for (const b of built.slice(2, 4)) observer.chain.importBlock(b);
    observer.voter.onMessage("ahead", commit(4));
    expect(observer.chain.finalized().number).toBe(4);
  });

  it("serves grandpa_roundState, grandpa_proveFinality and grandpa_subscribeJustifications", () => {
    const built = blocks(local, 6, NAMES);
    const net = network(local, NAMES);
    for (const n of net.nodes) for (const b of built) n.chain.importBlock(b);
    const { chain, voter } = net.nodes[0]!;
    const handlers = new Map<string, (params: unknown[]) => unknown>();
    const sent: string[] = [];
    registerGrandpa(
      {
        register: (name, handler) => handlers.set(name, handler as (params: unknown[]) => unknown),
        registerSubscription: (spec) =>
          handlers.set(spec.subscribe, () =>
            spec.start([], { send: (v: unknown) => sent.push(v as string) } as never, {} as never),
          ),
      },
      chain,
      () => voter,
    );
    handlers.get("grandpa_subscribeJustifications")!([]);
    for (const n of net.nodes) n.voter.start();
    net.run(3_000);
    const state = handlers.get("grandpa_roundState")!([]) as { setId: number; best: Record<string, unknown> };
    expect(state.setId).toBe(0);
    expect(state.best).toMatchObject({ totalWeight: 4, thresholdWeight: 3 });
    // Every justification the voter made, each one an independent check accepts.
    expect(sent.length).toBeGreaterThan(0);
    const authorities = NAMES.map((name) => [DEV_ED25519[name], 1n] as const);
    for (const j of sent) expect(() => verifyGrandpaJustification(fromHex(j), authorities, 0n)).not.toThrow();
    // Block #2 is proven by the first justification stored at or above it, with the headers from #3 to it.
    const proof = FinalityProof.dec(fromHex(handlers.get("grandpa_proveFinality")!([2]) as string));
    const justified = chain.header(proof.block)!.number;
    expect(justified).toBeGreaterThanOrEqual(2);
    expect(proof.unknownHeaders.map((h) => h.number)).toEqual(
      Array.from({ length: justified - 2 }, (_, i) => i + 3),
    );
    const target = { hash: proof.block, number: justified };
    expect(() => verifyGrandpaJustification(proof.justification, authorities, 0n, { target })).not.toThrow();
    expect(handlers.get("grandpa_proveFinality")!([99])).toBeNull();
  });
});
