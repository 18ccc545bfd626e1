/**
 * One node of the simulator, made of the node's real parts: a `Chain` running the relay runtime on
 * an in-memory database, BABE claims and checks, a `BlockAuthor` on a slot timer, the GRANDPA voter
 * behind the real gossip layer (`GrandpaGossip`), equivocation detection and reports to its pool.
 * Blocks travel whole on the `block` channel (each node passes on a new best block once), and a
 * block whose parent is unknown is held while the parent is asked of the sender (`want`).
 * Byzantine modes: `babeEquivocate` authors a second block in each of its slots and sends each to
 * half of the peers; `doubleVote` sends a second, conflicting prevote in each round.
 */
import { type DevAccountName, devKeypair, findBabePreDigest, signGrandpaVote } from "@canary/crypto";
import {
  Block,
  type Block as BlockValue,
  blockHash,
  GrandpaGossipMessage,
  H256,
  type Header,
  toHex,
} from "@canary/primitives";
import { BlockAuthor } from "../authorship/blockAuthor.ts";
import { SlotScheduler } from "../authorship/slots.ts";
import { Chain } from "../chain/chain.ts";
import { BabeEquivocations, babeConsensus, MAX_FUTURE_SLOTS } from "../consensus/babe/index.ts";
import { EquivocationReporter } from "../consensus/equivocationReporter.ts";
import { GrandpaVoter } from "../consensus/grandpa/voter.ts";
import { MemoryDatabase } from "../db/memoryDatabase.ts";
import type { Executor } from "../executor/index.ts";
import type { Genesis } from "../genesis/index.ts";
import { GrandpaGossip } from "../network/grandpaGossip.ts";
import { createLogger } from "../service/logger.ts";
import { TransactionPool } from "../txpool/pool.ts";
import { validateOnChain } from "../txpool/validateOnChain.ts";
import type { SimNetwork } from "./simNetwork.ts";
import type { VirtualTime } from "./virtualTime.ts";

export interface SimNodeOptions {
  name: string;
  /** The validator whose BABE and GRANDPA keys it holds; none: a full node. */
  key?: DevAccountName;
  genesis: Genesis;
  executor: Executor;
  time: VirtualTime;
  network: SimNetwork;
  skewMs: number;
  peers: () => string[];
  gossipDurationMs: number;
  /** How often a stalled round's votes go out again (the voter's `rebroadcastMs`). */
  rebroadcastMs: number;
  byzantine?: { babeEquivocate?: boolean; doubleVote?: boolean };
  /** Called with each event worth a trace line (imports, finality, reports). */
  trace: (line: string) => void;
}

interface Running {
  chain: Chain;
  pool: TransactionPool;
  author: BlockAuthor | undefined;
  twin: BlockAuthor | undefined;
  scheduler: SlotScheduler | undefined;
  voter: GrandpaVoter;
  gossip: GrandpaGossip;
}

const quiet = createLogger("error", () => {});

export class SimNode {
  readonly name: string;
  readonly db: MemoryDatabase;
  readonly #o: SimNodeOptions;
  #run: Running | undefined;
  /** Blocks held until their parent arrives, by parent hash. */
  readonly #orphans = new Map<string, BlockValue[]>();
  /** Blocks this node refused as invalid. */
  invalidBlocks = 0;
  reportsSubmitted = 0;

  constructor(options: SimNodeOptions) {
    this.#o = options;
    this.name = options.name;
    this.db = new MemoryDatabase({ genesisHash: blockHash(options.genesis.header), chainId: "sim" });
    options.network.attach(this.name, (from, channel, bytes) => this.#receive(from, channel, bytes));
  }

  get chain(): Chain {
    return this.#running().chain;
  }

  get voter(): GrandpaVoter {
    return this.#running().voter;
  }

  get running(): boolean {
    return this.#run !== undefined;
  }

  #running(): Running {
    if (!this.#run) throw new Error(`${this.name} is down`);
    return this.#run;
  }

  /** Starts (or restarts, on what its database kept) the node's chain, author and voter. */
  start(): void {
    const o = this.#o;
    const clock = o.time.clock(o.skewMs);
    const keys = o.key ? [devKeypair(o.key)] : [];
    const babe = babeConsensus(() => chain, { keys, maxFutureSlots: MAX_FUTURE_SLOTS, now: clock.now });
    const chain: Chain = new Chain({
      db: this.db.reopen(),
      executor: o.executor,
      genesis: o.genesis,
      verifier: babe.verifier,
    });
    const pool = new TransactionPool({
      validate: validateOnChain(chain),
      bestNumber: () => chain.best().number,
      now: clock.now,
    });
    const reporter = new EquivocationReporter({
      chain,
      log: quiet,
      submit: (xt) => {
        pool.submit(xt, "Local");
        this.reportsSubmitted++;
        o.trace(`${this.name} report pooled`);
      },
    });
    const detector = new BabeEquivocations(
      () => chain,
      babe.epochs,
      (proof) => reporter.babe(proof),
    );
    // Traced by height and slot: sr25519 seals are randomised, so hashes differ between replays.
    const slotOf = (header: Header) => (header.number === 0 ? 0n : findBabePreDigest(header).value.slot);
    chain.onImported(({ header }) => {
      o.trace(`${this.name} import #${header.number} slot ${slotOf(header)}`);
      detector.note(header);
    });
    chain.onFinalized(({ hash, number }) =>
      o.trace(`${this.name} final #${number} slot ${slotOf(chain.header(hash)!)}`),
    );
    const gran = o.key ? devKeypair(o.key, "ed25519") : undefined;
    const gossip = new GrandpaGossip({
      send: (peer, bytes) => {
        o.network.send(this.name, peer, "grandpa", bytes);
        if (o.byzantine?.doubleVote && gran) this.#doubleVote(peer, bytes, gran);
      },
      report: () => {},
    });
    const voter = new GrandpaVoter({
      chain,
      transport: gossip,
      keys: (id) => (gran && toHex(id) === toHex(gran.publicKey) ? gran : undefined),
      log: quiet,
      clock,
      gossipDurationMs: o.gossipDurationMs,
      rebroadcastMs: o.rebroadcastMs,
      onEquivocation: ({ proof }) => {
        if (proof) reporter.grandpa(proof);
      },
    });
    gossip.attach(voter);
    const author = o.key ? new BlockAuthor({ chain, pool, claims: babe.claimer, now: clock.now }) : undefined;
    // The equivocator's second block of a slot: the same claim, its timestamp 1 ms later (still in the slot).
    const twin =
      o.key && o.byzantine?.babeEquivocate
        ? new BlockAuthor({
            chain,
            pool: new TransactionPool({
              validate: validateOnChain(chain),
              bestNumber: () => chain.best().number,
            }),
            claims: babe.claimer,
            now: clock.now,
            timestampOffsetMs: 1,
          })
        : undefined;
    const scheduler = author
      ? new SlotScheduler({
          slotDurationMs: babe.epochs.slotDurationMs(chain.best().hash),
          clock,
          onSlot: (slot) => this.#onSlot(slot),
        })
      : undefined;
    this.#run = { chain, pool, author, twin, scheduler, voter, gossip };
    o.network.setDown(this.name, false);
    for (const peer of o.peers()) gossip.addPeer(peer);
    voter.start();
    scheduler?.start();
  }

  /** Stops everything (a crash): only what the database committed survives. */
  stop(): void {
    const run = this.#run;
    if (!run) return;
    run.scheduler?.stop();
    run.voter.stop();
    this.#run = undefined;
    this.#orphans.clear();
    this.#o.network.setDown(this.name, true);
  }

  /** A peer (re)connected: GRANDPA's gossip greets it with our view and recent votes. */
  reconnect(peer: string): void {
    this.#run?.gossip.addPeer(peer);
  }

  #onSlot(slot: bigint): void {
    const run = this.#run;
    if (!run?.author) return;
    const parent = run.chain.best();
    let authored: ReturnType<BlockAuthor["authorInSlot"]>;
    try {
      authored = run.author.authorInSlot(slot, parent);
    } catch (e) {
      this.#o.trace(`${this.name} authoring failed: ${(e as Error).message}`);
      return;
    }
    if (!authored) return;
    const peers = this.#o.peers();
    const second = run.twin && this.#twinBlock(run, slot, parent);
    if (second) {
      // Each half of the peers hears of a different block of this slot.
      peers.forEach((p, i) => {
        this.#sendBlock(p, i % 2 === 0 ? authored.block : second);
      });
    } else {
      for (const p of peers) this.#sendBlock(p, authored.block);
    }
  }

  /** Another block of the same slot on the same parent (its timestamp 1 ms later). */
  #twinBlock(
    run: Running,
    slot: bigint,
    parent: { hash: Uint8Array; number: number },
  ): BlockValue | undefined {
    try {
      return run.twin!.authorInSlot(slot, parent)?.block;
    } catch {
      return undefined;
    }
  }

  #sendBlock(peer: string, block: BlockValue): void {
    this.#o.network.send(this.name, peer, "block", Block.enc(block));
  }

  #receive(from: string, channel: string, bytes: Uint8Array): void {
    const run = this.#run;
    if (!run) return;
    try {
      if (channel === "grandpa") run.gossip.receive(from, bytes);
      else if (channel === "block") this.#import(Block.dec(bytes), from);
      else if (channel === "want") {
        const block = run.chain.blocks.block(H256.dec(bytes));
        if (block) this.#sendBlock(from, block);
      }
    } catch (e) {
      this.#o.trace(
        `${this.name} refused a ${channel} message of ${from}: ${(e as Error).message.slice(0, 80)}`,
      );
    }
  }

  #import(block: BlockValue, from: string): void {
    const run = this.#running();
    const hash = blockHash(block.header);
    if (run.chain.header(hash)) return;
    if (!run.chain.header(block.header.parentHash)) {
      const key = toHex(block.header.parentHash);
      const held = this.#orphans.get(key) ?? [];
      if (held.length < 8) held.push(block);
      this.#orphans.set(key, held);
      this.#o.network.send(this.name, from, "want", block.header.parentHash);
      return;
    }
    try {
      const imported = run.chain.importBlock(block);
      // Pass a new best block on, so that blocks cross lost links and sparse topologies.
      if (imported.best) for (const p of this.#o.peers()) if (p !== from) this.#sendBlock(p, block);
    } catch (e) {
      this.invalidBlocks++;
      this.#o.trace(
        `${this.name} invalid block #${block.header.number}: ${(e as Error).message.slice(0, 80)}`,
      );
      return;
    }
    const children = this.#orphans.get(toHex(hash)) ?? [];
    this.#orphans.delete(toHex(hash));
    for (const child of children) this.#import(child, from);
  }

  /** Sends `peer` a second prevote for another block along with each of this voter's prevotes. */
  #doubleVote(peer: string, bytes: Uint8Array, key: ReturnType<typeof devKeypair>): void {
    const run = this.#run;
    if (!run) return;
    const message = GrandpaGossipMessage.dec(bytes);
    if (message.tag !== "Vote" || message.value.message.message.tag !== "Prevote") return;
    const { round, setId } = message.value;
    const target = message.value.message.message.value;
    const header: Header | undefined = run.chain.header(target.targetHash);
    if (!header || header.number === 0) return;
    const other = signGrandpaVote(
      key,
      { tag: "Prevote", value: { targetHash: header.parentHash, targetNumber: header.number - 1 } },
      round,
      setId,
    );
    this.#o.network.send(
      this.name,
      peer,
      "grandpa",
      GrandpaGossipMessage.enc({ tag: "Vote", value: { round, setId, message: other } }),
    );
  }
}
