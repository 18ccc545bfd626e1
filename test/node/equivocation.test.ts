/**
 * Equivocations reported on chain: a node that imports two blocks of one author in one slot, or
 * sees a voter cast two different prevotes in one round, gets a key ownership proof from the
 * runtime (Historical), submits the unsigned report to its own pool through the runtime API, and
 * the next block it authors carries it: Offences records the offender once. The runtime refuses
 * the same report from outside the node, a second time, or with a proof for another key.
 */
import { type DevAccountName, devKeypair, initCrypto, signGrandpaVote } from "@canary/crypto";
import { BabeApi, TaggedTransactionQueueApi } from "@canary/frame";
import {
  apiAt,
  BabeEquivocations,
  BlockAuthor,
  babeConsensus,
  buildGenesisInMemory,
  Executor,
  type Genesis,
  TransactionPool,
  validateOnChain,
} from "@canary/node";
import {
  type BabeEquivocationProof,
  Bytes,
  blake2_256,
  blockHash,
  concatBytes,
  H256,
  storageKey,
  Tuple,
  toHex,
  u64,
} from "@canary/primitives";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { EquivocationReporter } from "../../packages/node/src/consensus/equivocationReporter.ts";
import { createLogger } from "../../packages/node/src/service/logger.ts";
import { DEV_ACCOUNTS } from "../../runtimes/relay/src/index.ts";
import { relayBundle } from "../relay/harness.ts";
import { blocks, chainOn, cleanup, network } from "../support/grandpaNet.ts";
import { signedTransfer } from "../support/transfer.ts";

const NAMES = ["Alice", "Bob", "Charlie", "Dave"] as const satisfies DevAccountName[];
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
let genesis: Genesis;

beforeAll(async () => {
  await initCrypto();
  genesis = buildGenesisInMemory(new Executor(), (await relayBundle()).code, { preset: "local_testnet" });
}, 60_000);

afterEach(cleanup);

/** Whether Offences holds a report of `offender` for `kind` at `timeSlot`, at the chain's best block. */
function reported(
  chain: ReturnType<typeof chainOn>["chain"],
  kind: string,
  timeSlot: Uint8Array,
  offender: Uint8Array,
) {
  const id = blake2_256(concatBytes(ascii(kind), Bytes.enc(timeSlot), offender));
  const key = storageKey("Offences", "Reports", ["Twox64Concat", H256.enc(id)]);
  return chain.host(chain.stateAt(chain.best().hash)).storageGet(key) !== undefined;
}

/** A node's chain with all four keys, its pool, an equivocation reporter and a block author. */
function reportingNode() {
  const { chain, babe } = chainOn(genesis, [...NAMES]);
  const pool = new TransactionPool({
    validate: validateOnChain(chain),
    bestNumber: () => chain.best().number,
  });
  const reporter = new EquivocationReporter({
    chain,
    log: createLogger("error", () => {}),
    submit: (xt) => pool.submit(xt, "Local"),
  });
  let now = 1_700_000_000_000 + 6_000 * 50;
  const author = new BlockAuthor({ chain, pool, claims: babe.claimer, now: () => (now += 6_000) });
  return { chain, babe, pool, reporter, author };
}

describe("BABE equivocation", () => {
  it("two blocks of one author in one slot are reported, included and recorded once", () => {
    const honest = blocks(genesis, 2, [...NAMES]);
    const tx = signedTransfer(blockHash(genesis.header), devKeypair("Alice"), DEV_ACCOUNTS.Bob, 10n ** 12n);
    const twin = blocks(genesis, 1, [...NAMES], [tx]);
    const { chain, babe, pool, reporter, author } = reportingNode();
    const proofs: BabeEquivocationProof[] = [];
    const detector = new BabeEquivocations(
      () => chain,
      babe.epochs,
      (p) => {
        proofs.push(p);
        expect(reporter.babe(p)).toBe(true);
      },
    );
    chain.onImported(({ header }) => detector.note(header));
    for (const b of honest) chain.importBlock(b);
    chain.importBlock(twin[0]!);
    expect(proofs).toHaveLength(1);
    const proof = proofs[0]!;
    expect(toHex(blockHash(proof.firstHeader))).toBe(toHex(blockHash(honest[0]!.header)));
    expect(toHex(blockHash(proof.secondHeader))).toBe(toHex(blockHash(twin[0]!.header)));
    // The report waits in the pool, unpropagated, and the next block carries it.
    expect(pool.ready()).toHaveLength(1);
    expect(pool.ready()[0]!.source).toBe("Local");
    const offender = NAMES.find((n) => toHex(devKeypair(n).publicKey) === toHex(proof.offender))!;
    expect(reported(chain, "babe:equivocatio", u64.enc(proof.slot), DEV_ACCOUNTS[offender])).toBe(false);
    const { block } = author.author();
    expect(block.extrinsics).toHaveLength(2); // the timestamp and the report
    expect(reported(chain, "babe:equivocatio", u64.enc(proof.slot), DEV_ACCOUNTS[offender])).toBe(true);

    // The same report again is stale; from outside the node it is refused; with another key's proof it is bad.
    const api = apiAt(chain, chain.best().hash, BabeApi);
    const owner = api.generate_key_ownership_proof(proof.slot, proof.offender)!;
    expect(owner).toBeDefined();
    let pooled: Uint8Array | undefined;
    const capture = new EquivocationReporter({
      chain,
      log: createLogger("error", () => {}),
      submit: (xt) => {
        pooled = xt;
      },
    });
    expect(capture.babe(proof)).toBe(true);
    const queue = apiAt(chain, chain.best().hash, TaggedTransactionQueueApi);
    const validity = (source: "Local" | "External") =>
      queue.validate_transaction({ tag: source }, pooled!, chain.best().hash);
    expect(validity("Local")).toMatchObject({
      ok: false,
      error: { tag: "Invalid", value: { tag: "Stale" } },
    });
    expect(validity("External")).toMatchObject({
      ok: false,
      error: { tag: "Invalid", value: { tag: "Call" } },
    });
    // A different offender for the same headers: its proof does not hold for their seals.
    const other = NAMES.find((n) => n !== offender)!;
    const forged = { ...proof, offender: devKeypair(other).publicKey };
    const otherOwner = api.generate_key_ownership_proof(proof.slot, forged.offender)!;
    expect(otherOwner).toBeDefined();
    expect(
      apiAt(chain, chain.best().hash, BabeApi).submit_report_equivocation_unsigned_extrinsic(
        forged,
        otherOwner,
      ),
    ).toBe(false);
  });
});

describe("GRANDPA equivocation", () => {
  it("two prevotes of one voter in one round are reported, included and recorded once; its two precommits there wait behind that report", () => {
    const built = blocks(genesis, 4, [...NAMES]);
    const node = network(genesis, ["Alice"]).nodes[0]!;
    for (const b of built) node.chain.importBlock(b);
    const pool = new TransactionPool({
      validate: validateOnChain(node.chain),
      bestNumber: () => node.chain.best().number,
    });
    const lines: string[] = [];
    const reporter = new EquivocationReporter({
      chain: node.chain,
      log: createLogger("debug", (line) => lines.push(line)),
      submit: (xt) => pool.submit(xt, "Local"),
    });
    node.voter.start();
    const dave = devKeypair("Dave", "ed25519");
    // Dave prevotes #2 and #3 in round 1 of set 0, then precommits them: a second equivocation in
    // the same round and set.
    for (const tag of ["Prevote", "Precommit"] as const) {
      for (const n of [2, 3]) {
        const target = { targetHash: blockHash(built[n - 1]!.header), targetNumber: n };
        const message = signGrandpaVote(dave, { tag, value: target }, 1n, 0n);
        node.voter.onMessage("mallory", { tag: "Vote", value: { round: 1n, setId: 0n, message } });
      }
    }
    const [equivocation, again] = node.voter.equivocations;
    expect(equivocation?.proof).toBeDefined();
    expect(reporter.grandpa(equivocation!.proof!)).toBe(true);
    expect(pool.ready()).toHaveLength(1);
    // The runtime takes one report per offender and round: the second waits behind the first,
    // which is no fault worth a warning.
    expect(again?.kind).toBe("precommit");
    expect(reporter.grandpa(again!.proof!)).toBe(false);
    expect(pool.ready()).toHaveLength(1);
    expect(lines.filter((l) => /WARN/.test(l))).toEqual([]);
    expect(lines).toContainEqual(expect.stringMatching(/DEBUG equivocation already reported/));
    const timeSlot = Tuple(u64, u64).enc([0n, 1n]);
    expect(reported(node.chain, "grandpa:equivoca", timeSlot, DEV_ACCOUNTS.Dave)).toBe(false);
    const babe = babeConsensus(() => node.chain, { keys: NAMES.map((n) => devKeypair(n)) });
    let now = 1_700_000_000_000 + 6_000 * 50;
    const author = new BlockAuthor({
      chain: node.chain,
      pool,
      claims: babe.claimer,
      now: () => (now += 6_000),
    });
    expect(author.author().block.extrinsics).toHaveLength(2);
    expect(reported(node.chain, "grandpa:equivoca", timeSlot, DEV_ACCOUNTS.Dave)).toBe(true);
    // Reported again: the pool refuses it as stale.
    expect(reporter.grandpa(equivocation!.proof!)).toBe(false);
    expect(lines.filter((l) => /WARN/.test(l))).toEqual([
      expect.stringMatching(/equivocation report refused by the pool: .*outdated/),
    ]);
  });
});
