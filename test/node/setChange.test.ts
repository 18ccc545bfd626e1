/**
 * An authority-set change on a proof-of-authority chain: sudo removes Dave through
 * ValidatorManager, two sessions later BABE and GRANDPA drop him (a ScheduledChange in the first
 * block of that session), the old set finalizes that block and stores its justification, the new
 * set of three finalizes on; a node that syncs from genesis verifies finality across the change
 * with the stored justifications, and only in order.
 */
import { type DevAccountName, devKeypair, initCrypto, verifyGrandpaJustification } from "@canary/crypto";
import { BabeApi, GrandpaApi } from "@canary/frame";
import { apiAt, buildGenesisInMemory, Executor, type Genesis } from "@canary/node";
import {
  blockHash,
  compactU32,
  GRANDPA_ENGINE_ID,
  GrandpaConsensusLog,
  GrandpaJustification,
  type Header,
  toHex,
  u32,
  WarpSyncProof,
} from "@canary/primitives";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { warpProof } from "../../packages/node/src/consensus/grandpa/warpProof.ts";
import { presetConfig } from "../../packages/node/src/service/canaryNode.ts";
import { DEV_ACCOUNTS, DEV_ED25519 } from "../../runtimes/relay/src/index.ts";
import { relayBundle } from "../relay/harness.ts";
import { blocks, cleanup, network } from "../support/grandpaNet.ts";
import { signedCall } from "../support/transfer.ts";

const NAMES = ["Alice", "Bob", "Charlie", "Dave"] as const satisfies DevAccountName[];
/** Slots per epoch (and session): short, so that a change is enacted within a few blocks. */
const EPOCH = 2;
let genesis: Genesis;

beforeAll(async () => {
  await initCrypto();
  const code = (await relayBundle()).code;
  const executor = new Executor();
  const config = presetConfig(executor, code, { preset: "local_testnet", epochDuration: EPOCH });
  genesis = buildGenesisInMemory(executor, code, { config });
}, 60_000);

afterAll(cleanup);

/** sudo(ValidatorManager.deregister_validators([who])) signed by Alice, the sudo key. */
function removeValidator(who: DevAccountName): Uint8Array {
  const call = Uint8Array.of(255, 0, 252, 1, ...compactU32.enc(1), ...DEV_ACCOUNTS[who]);
  return signedCall(blockHash(genesis.header), devKeypair("Alice"), call);
}

/** The GRANDPA log of kind `tag` a header carries, if any. */
function grandpaLog<T extends GrandpaConsensusLog["tag"]>(header: Header, tag: T) {
  for (const item of header.digest) {
    if (item.tag !== "Consensus" || toHex(item.value.engine) !== toHex(GRANDPA_ENGINE_ID)) continue;
    const log = GrandpaConsensusLog.dec(item.value.data);
    if (log.tag === tag) return log.value as Extract<GrandpaConsensusLog, { tag: T }>["value"];
  }
  return undefined;
}
const scheduledChange = (header: Header) => grandpaLog(header, "ScheduledChange");
const forcedChange = (header: Header) => grandpaLog(header, "ForcedChange");

const authorities = (names: ReadonlyArray<keyof typeof DEV_ED25519>) =>
  names.map((n) => [DEV_ED25519[n], 1n] as const);

describe("an authority-set change through sudo", () => {
  const built = () => blocks(genesis, 12, [...NAMES], [removeValidator("Dave")]);
  let chainBlocks: ReturnType<typeof built>;
  let net: ReturnType<typeof network>;
  let changeBlock: Header;
  let changeHash: Uint8Array;

  beforeAll(() => {
    chainBlocks = built();
    net = network(genesis, [...NAMES], { period: 512 });
    for (const n of net.nodes) for (const b of chainBlocks) n.chain.importBlock(b);
    for (const n of net.nodes) n.voter.start();
    net.run(6_000);
  });

  it("is signalled once, in the first block of the session after next, and enacted there", () => {
    const signals = chainBlocks.map((b) => scheduledChange(b.header));
    const at = signals.findIndex((s) => s !== undefined);
    expect(at).toBeGreaterThan(0);
    expect(signals.filter((s) => s !== undefined)).toHaveLength(1);
    const change = signals[at]!;
    expect(change.delay).toBe(0);
    expect(change.nextAuthorities.map(([id]) => toHex(id))).toEqual(
      authorities(["Alice", "Bob", "Charlie"]).map(([id]) => toHex(id)),
    );
    changeBlock = chainBlocks[at]!.header;
    changeHash = blockHash(changeBlock);
    const chain = net.nodes[0]!.chain;
    expect(apiAt(chain, changeBlock.parentHash, GrandpaApi).current_set_id()).toBe(0n);
    expect(apiAt(chain, changeHash, GrandpaApi).current_set_id()).toBe(1n);
    expect(apiAt(chain, changeHash, BabeApi).current_epoch().authorities).toHaveLength(3);
  });

  it("the old set finalizes the change block and keeps its justification; the new set of three finalizes on", () => {
    for (const n of net.nodes) expect(n.chain.finalized().number).toBe(chainBlocks.length - 2);
    const chain = net.nodes[0]!.chain;
    const [engine, justification] = chain.blocks.justifications(changeHash)![0]!;
    expect(toHex(engine)).toBe(toHex(GRANDPA_ENGINE_ID));
    const target = { hash: changeHash, number: changeBlock.number };
    expect(() => verifyGrandpaJustification(justification, authorities(NAMES), 0n, { target })).not.toThrow();
    // Dave's voter only observes now.
    expect(net.nodes[3]!.voter.state().setId).toBe(1n);
    expect(net.nodes[0]!.voter.state().totalWeight).toBe(3n);
    expect([...chain.blocks.setChanges(0)]).toEqual([{ hash: changeHash, number: changeBlock.number }]);
  });

  it("a node that syncs verifies finality across the change, with the justifications in order", () => {
    const chain = net.nodes[0]!.chain;
    const justification = chain.blocks.justifications(changeHash)![0]![1];
    const latest = chain.finalized();
    const newest = chain.latestJustification()!;
    expect(toHex(newest.hash)).toBe(toHex(latest.hash));
    expect(() =>
      verifyGrandpaJustification(newest.justification, authorities(NAMES.slice(0, 3)), 1n, {
        target: latest,
      }),
    ).not.toThrow();
    const syncing = network(genesis, ["observer"]).nodes[0]!;
    for (const b of chainBlocks) syncing.chain.importBlock(b);
    syncing.voter.start();
    // The new set's justification (signed for set 1) only counts after the change block's.
    expect(() => syncing.voter.importJustification(latest.hash, newest.justification)).toThrow(
      /bad signature/,
    );
    expect(syncing.chain.finalized().number).toBe(0);
    syncing.voter.importJustification(changeHash, justification);
    expect(syncing.chain.finalized().number).toBe(changeBlock.number);
    expect(syncing.voter.state().setId).toBe(1n);
    syncing.voter.importJustification(latest.hash, newest.justification);
    expect(syncing.chain.finalized()).toEqual(latest);
  });

  it("warp proofs: one fragment per set change, then the newest justification, each checked by its set", () => {
    const chain = net.nodes[0]!.chain;
    const latest = chain.finalized();
    const fromGenesis = WarpSyncProof.dec(warpProof(chain, blockHash(genesis.header)));
    expect(fromGenesis.isFinished).toBe(true);
    expect(fromGenesis.proofs.map((f) => f.header.number)).toEqual([changeBlock.number, latest.number]);
    const [change, head] = fromGenesis.proofs as [
      (typeof fromGenesis.proofs)[0],
      (typeof fromGenesis.proofs)[0],
    ];
    expect(toHex(blockHash(change.header))).toBe(toHex(changeHash));
    const j = (f: typeof change) => GrandpaJustification.enc(f.justification);
    expect(() =>
      verifyGrandpaJustification(j(change), authorities(NAMES), 0n, {
        target: { hash: changeHash, number: changeBlock.number },
      }),
    ).not.toThrow();
    expect(() =>
      verifyGrandpaJustification(j(head), authorities(NAMES.slice(0, 3)), 1n, { target: latest }),
    ).not.toThrow();
    // From the change block on, only the newest justification is left to prove.
    expect(WarpSyncProof.dec(warpProof(chain, changeHash)).proofs.map((f) => f.header.number)).toEqual([
      latest.number,
    ]);
    // From the finalized head itself: its justification (Substrate includes a target at `begin`).
    const fromHead = WarpSyncProof.dec(warpProof(chain, latest.hash));
    expect(fromHead.proofs.map((f) => f.header.number)).toEqual([latest.number]);
    expect(fromHead.isFinished).toBe(true);
    // A proof too large for the limit stops after what fits, unfinished: the client asks again.
    const changeSize = warpProof(chain, blockHash(genesis.header)).length - j(head).length;
    const cut = WarpSyncProof.dec(warpProof(chain, blockHash(genesis.header), changeSize + 50));
    expect(cut.proofs.map((f) => f.header.number)).toEqual([changeBlock.number]);
    expect(cut.isFinished).toBe(false);
  });

  it("warp proofs are refused from a block that is unknown, or not finalized here", () => {
    const chain = net.nodes[0]!.chain;
    expect(() => warpProof(chain, new Uint8Array(32).fill(7))).toThrow(
      expect.objectContaining({ code: "NETWORK_BAD_REQUEST" }),
    );
    expect(() => warpProof(chain, chain.best().hash)).toThrow(/not a finalized block here/);
  });
});

describe("a forced change (note_stalled) when finality has stalled", () => {
  it("takes effect on import: the remaining validators finalize again as the new set", () => {
    // Charlie and Dave are gone (their voters never run): two of four cannot finalize. Sudo
    // removes them, then notes the stall in the next session; the session after forces the change.
    const genesisHash = blockHash(genesis.header);
    const alice = devKeypair("Alice");
    const remove = Uint8Array.of(
      255,
      0,
      252,
      1,
      ...compactU32.enc(2),
      ...DEV_ACCOUNTS.Charlie,
      ...DEV_ACCOUNTS.Dave,
    );
    const stalled = Uint8Array.of(255, 0, 10, 2, ...u32.enc(1), ...u32.enc(0)); // delay 1, median #0
    const built = blocks(
      genesis,
      12,
      [...NAMES],
      [signedCall(genesisHash, alice, remove)],
      new Map([[2 * EPOCH, [signedCall(genesisHash, alice, stalled, { nonce: 1 })]]]),
    );
    const forced = built.findIndex((b) => forcedChange(b.header) !== undefined);
    expect(forced).toBeGreaterThan(0);
    const [median, change] = forcedChange(built[forced]!.header)!;
    expect(median).toBe(0);
    expect(change.nextAuthorities.map(([id]) => toHex(id))).toEqual(
      authorities(["Alice", "Bob"]).map(([id]) => toHex(id)),
    );
    const net = network(genesis, ["Alice", "Bob"], { period: 1 });
    for (const n of net.nodes) for (const b of built.slice(0, forced)) n.chain.importBlock(b);
    for (const n of net.nodes) n.voter.start();
    net.run(3_000);
    // Before the change is enacted, nothing is finalized.
    for (const n of net.nodes) expect(n.chain.finalized().number).toBe(0);
    for (const n of net.nodes) for (const b of built.slice(forced)) n.chain.importBlock(b);
    net.run(6_000);
    for (const n of net.nodes) {
      expect(n.voter.state().setId).toBe(1n);
      expect(n.chain.finalized().number).toBe(built.length - 2);
    }
    const chain = net.nodes[0]!.chain;
    const latest = chain.latestJustification()!;
    expect(() =>
      verifyGrandpaJustification(latest.justification, authorities(["Alice", "Bob"]), 1n, {
        target: chain.finalized(),
      }),
    ).not.toThrow();
  });
});
