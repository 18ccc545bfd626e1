/**
 * The node's chain (DESIGN.md §1, §6): blocks and their states in the database, import that
 * executes each block with its parent's `:code` on its parent's state and writes the block, its
 * state change and the new best block in one transaction, fork choice (BABE's: the most primary
 * blocks, then the highest, the first seen on a tie), and finality.
 */
import { apiEntry, CoreApi } from "@canary/frame";
import {
  type Block,
  blockHash,
  bytesEqual,
  concatBytes,
  GRANDPA_ENGINE_ID,
  type Header,
  readRuntimeEnvelope,
  toHex,
  WELL_KNOWN_KEYS,
} from "@canary/primitives";
import { EMPTY_TRIE_ROOT, generateProof } from "@canary/trie";
import { blockNumberKey, type Database, metaKeys } from "../db/index.ts";
import type { Executor } from "../executor/index.ts";
import { type Genesis, genesisTrie } from "../genesis/index.ts";
import { BlockState, NodeHost, type NodeHostOptions, type VerifiedSignatures } from "../overlay/index.ts";
import { type BlockRef, BlockStore } from "./blockStore.ts";
import { DbNodeStore, writeGenesisTrie } from "./dbNodeStore.ts";
import { ChainError } from "./errors.ts";
import { type Pruning, StatePruner } from "./pruning.ts";
import { apiOn } from "./runtimeApi.ts";

export interface ChainOptions {
  db: Database;
  executor: Executor;
  genesis: Genesis;
  /** The consensus checks of a header before its block runs (BABE's); unset: none. */
  verifier?: HeaderVerifier;
  /** How many finalized states to keep (default 256), or "archive" to keep all. */
  pruning?: Pruning;
  host?: Omit<NodeHostOptions, "runtimeVersion">;
  /** A full garbage collection, run now and then while a large genesis is written (service/gc.ts). */
  collectGarbage?: () => void;
}

export interface ImportedBlock extends BlockRef {
  header: Header;
  /** Whether this block became the best. */
  best: boolean;
  /** Time spent verifying, executing and writing it, in milliseconds. */
  elapsedMs: number;
  /**
   * The storage the block changed (value undefined: deleted), in key order; absent for a block
   * already known. Storage subscriptions are served from it instead of re-reading their keys.
   */
  changes?: () => ReadonlyArray<readonly [Uint8Array, Uint8Array | undefined]>;
}

type Listener<T> = (value: T) => void;

/** How GRANDPA finalized a block: its justification, and what to keep of it. */
export interface GrandpaFinality {
  justification: Uint8Array;
  /** Store it with the block (Substrate: at set changes and every 512 blocks). */
  keep?: boolean;
  /** The block enacts a new authority set: indexed for warp proofs, its justification kept. */
  setChange?: boolean;
}

/** Consensus rules a header must pass before execution; throws a ChainError naming the broken one. */
export interface HeaderVerifier {
  /** `primary`: the block counts for fork choice (a primary BABE claim). */
  verify(header: Header, parent: Header, parentHash: Uint8Array): { primary: boolean };
}

export class Chain {
  readonly db: Database;
  readonly executor: Executor;
  readonly blocks: BlockStore;
  readonly nodes: DbNodeStore;
  readonly pruner: StatePruner;
  readonly genesisHash: Uint8Array;
  readonly #verifier: HeaderVerifier | undefined;
  readonly #hostOptions: ChainOptions["host"];
  readonly #listeners = {
    imported: new Set<Listener<ImportedBlock>>(),
    finalized: new Set<Listener<BlockRef>>(),
  };

  constructor(options: ChainOptions) {
    this.db = options.db;
    this.executor = options.executor;
    this.blocks = new BlockStore(options.db);
    this.nodes = new DbNodeStore(options.db);
    this.pruner = new StatePruner(options.db, this.nodes, this.blocks, options.pruning ?? 256);
    this.#verifier = options.verifier;
    this.#hostOptions = options.host;
    this.genesisHash = blockHash(options.genesis.header);
    if (!this.blocks.has(this.genesisHash)) this.#writeGenesis(options.genesis, options.collectGarbage);
  }

  #writeGenesis(genesis: Genesis, collectGarbage: (() => void) | undefined): void {
    // The genesis block goes in last: until it is there, a start writes all of genesis again.
    const { root, batch } = writeGenesisTrie(
      () => this.db.batch(),
      this.genesisHash,
      (sink) => genesisTrie(genesis, sink),
      { collectGarbage },
    );
    if (!bytesEqual(root, genesis.header.stateRoot)) {
      // Its nodes are written but nothing refers to them, and no genesis block marks them as a state.
      throw new ChainError(
        "CHAIN_BAD_GENESIS",
        "the genesis storage does not match the genesis header's state root",
      );
    }
    this.blocks.putBlock(batch, { header: genesis.header, extrinsics: [] });
    const ref = { hash: this.genesisHash, number: 0 };
    this.blocks.setBest(batch, ref, new Map([[toHex(this.genesisHash), genesis.header]]));
    this.blocks.setFinalized(batch, this.genesisHash);
    batch.commit();
  }

  best(): BlockRef {
    return this.blocks.best();
  }

  finalized(): BlockRef {
    return this.blocks.finalized();
  }

  header(hash: Uint8Array): Header | undefined {
    return this.blocks.header(hash);
  }

  /** A fresh state over block `hash`'s (its writes stay in memory). */
  stateAt(hash: Uint8Array): BlockState {
    const header = this.blocks.header(hash);
    if (!header) throw new ChainError("CHAIN_UNKNOWN_BLOCK", `block ${toHex(hash)} is not known`);
    if (header.number <= this.pruner.prunedTo()) {
      throw new ChainError(
        "CHAIN_STATE_PRUNED",
        `the state of block #${header.number} was pruned (the node keeps ${this.pruner.keep} finalized states; --state-pruning archive keeps all)`,
      );
    }
    return new BlockState({ store: this.nodes, root: header.stateRoot });
  }

  host(state: BlockState, options: Partial<NodeHostOptions> = {}): NodeHost {
    return new NodeHost(state, {
      ...this.#hostOptions,
      ...options,
      runtimeVersion: (code) => {
        try {
          // An envelope says its version in a section (as Substrate hosts read it); a bare bundle is asked.
          const section = readRuntimeEnvelope(code).runtimeVersion;
          if (section) return section;
          const empty = new BlockState({ store: this.nodes, root: EMPTY_TRIE_ROOT });
          // The bytes as the new code gives them: the runtime decodes its own version type.
          return this.executor.call(
            code,
            apiEntry(CoreApi, "version"),
            new Uint8Array(),
            new NodeHost(empty),
          );
        } catch {
          return undefined;
        }
      },
    });
  }

  /** The trie nodes proving `keys`' values (or absence) in block `hash`'s state. */
  readProof(hash: Uint8Array, keys: Uint8Array[]): Uint8Array[] {
    const header = this.blocks.header(hash);
    if (!header) throw new ChainError("CHAIN_UNKNOWN_BLOCK", `block ${toHex(hash)} is not known`);
    return generateProof(this.nodes, header.stateRoot, keys);
  }

  /** Runs a runtime API at block `hash`; its writes are dropped. */
  call(hash: Uint8Array, method: string, input: Uint8Array = new Uint8Array()): Uint8Array {
    return this.callOn(this.host(this.stateAt(hash)), method, input);
  }

  /** Runs a runtime API on `host` with the code its state holds. */
  callOn(host: NodeHost, method: string, input: Uint8Array = new Uint8Array()): Uint8Array {
    const code = host.storageGet(WELL_KNOWN_KEYS.code);
    if (!code) throw new ChainError("CHAIN_NO_CODE", "the state has no runtime code at :code");
    return this.executor.call(code, method, input, host);
  }

  /**
   * Imports a block: its parent must be known; it is executed on the parent's state (or `executed`,
   * the state its author already built) and stored with its state change in one transaction.
   * A block that fails changes nothing.
   */
  importBlock(block: Block, executed?: BlockState, verified?: VerifiedSignatures): ImportedBlock {
    const started = performance.now();
    const { header } = block;
    const hash = blockHash(header);
    const known = this.blocks.header(hash);
    if (known) return { hash, number: known.number, header: known, best: false, elapsedMs: 0 };
    const parent = this.blocks.header(header.parentHash);
    if (!parent)
      throw new ChainError(
        "CHAIN_UNKNOWN_PARENT",
        `block #${header.number}'s parent ${toHex(header.parentHash)} is not known`,
      );
    const finalized = this.blocks.finalized();
    if (header.number <= finalized.number) {
      throw new ChainError(
        "CHAIN_BELOW_FINALIZED",
        `block #${header.number} is at or below the finalized #${finalized.number}: it can never be part of the chain`,
      );
    }
    if (header.number !== parent.number + 1) {
      throw new ChainError("CHAIN_BAD_NUMBER", `block #${header.number} cannot follow #${parent.number}`);
    }
    if (!this.#descends(header.parentHash, parent.number, finalized)) {
      throw new ChainError(
        "CHAIN_NOT_IN_FINALIZED_CHAIN",
        `block #${header.number} is on a fork that left the chain below the finalized #${finalized.number}`,
      );
    }
    const primary = this.#verifier?.verify(header, parent, header.parentHash).primary ?? false;
    const weight = this.weight(header.parentHash) + (primary ? 1 : 0);
    const state = executed ?? this.#execute(block, verified);
    const commit = state.commit();
    if (!bytesEqual(commit.root, header.stateRoot)) {
      throw new ChainError(
        "CHAIN_BAD_STATE_ROOT",
        `block #${header.number}: the state root differs from the header's`,
      );
    }
    const batch = this.db.batch();
    this.nodes.writeCommit(batch, header.number, hash, commit);
    this.blocks.putBlock(batch, block);
    batch.put("blockWeight", hash, u32be(weight));
    const best = this.blocks.best();
    const bestWeight = this.weight(best.hash);
    const isBest = weight > bestWeight || (weight === bestWeight && header.number > best.number);
    if (isBest) this.blocks.setBest(batch, { hash, number: header.number }, new Map([[toHex(hash), header]]));
    batch.commit();
    let changes: ReadonlyArray<readonly [Uint8Array, Uint8Array | undefined]> | undefined;
    const imported = {
      hash,
      number: header.number,
      header,
      best: isBest,
      elapsedMs: performance.now() - started,
      changes: () => {
        changes ??= state.overlay.changes();
        return changes;
      },
    };
    for (const l of this.#listeners.imported) l(imported);
    return imported;
  }

  #execute(block: Block, verified: VerifiedSignatures | undefined): BlockState {
    const state = this.stateAt(block.header.parentHash);
    const host = this.host(state, verified ? { verified } : {});
    apiOn(this, host, CoreApi).execute_block(block);
    return state;
  }

  /** The newest GRANDPA justification, and the block it finalizes. */
  latestJustification(): { hash: Uint8Array; justification: Uint8Array } | undefined {
    return this.blocks.latestJustification();
  }

  /** BABE's fork-choice weight of a stored block: the primary blocks from genesis to it. */
  weight(hash: Uint8Array): number {
    const raw = this.db.get("blockWeight", hash);
    return raw ? new DataView(raw.buffer, raw.byteOffset, 4).getUint32(0) : 0;
  }

  /** Whether block `hash` (at `number`) is `ancestor` or descends from it. */
  #descends(hash: Uint8Array, number: number, ancestor: BlockRef): boolean {
    let n = number;
    let h = hash;
    while (n > ancestor.number) {
      // A canonical block above it descends from it: the canonical chain holds the finalized block.
      const canonical = this.blocks.hashAt(n);
      if (canonical && bytesEqual(canonical, h)) return true;
      const header = this.blocks.header(h);
      if (!header) return false;
      h = header.parentHash;
      n--;
    }
    return n === ancestor.number && bytesEqual(h, ancestor.hash);
  }

  /** The best block of the branch from `hash` up: the heaviest (then highest) of its descendants. */
  #bestAbove(hash: Uint8Array, number: number): BlockRef {
    let best = { hash, number };
    let bestWeight = this.weight(hash);
    let tips = new Set<string>([toHex(hash)]);
    for (let n = number + 1; tips.size > 0; n++) {
      const next = new Set<string>();
      for (const child of this.blocks.hashesAt(n)) {
        if (!tips.has(toHex(this.blocks.header(child)!.parentHash))) continue;
        next.add(toHex(child));
        const weight = this.weight(child);
        if (weight > bestWeight || (weight === bestWeight && n > best.number)) {
          best = { hash: child, number: n };
          bestWeight = weight;
        }
      }
      tips = next;
    }
    return best;
  }

  /**
   * Finalizes `hash`, at or above the finalized block and descending from it. A block off the
   * best chain takes it there: its branch becomes the best chain (finality decides forks). With
   * `grandpa`, its justification becomes the latest one and is stored with the block when `keep`
   * (set changes, every 512 blocks); `setChange` marks a block that enacts a new authority set.
   */
  finalize(hash: Uint8Array, grandpa?: GrandpaFinality): void {
    const header = this.blocks.header(hash);
    if (!header) throw new ChainError("CHAIN_UNKNOWN_BLOCK", `block ${toHex(hash)} is not known`);
    const finalized = this.blocks.finalized();
    if (header.number < finalized.number) {
      throw new ChainError(
        "CHAIN_FINALITY_REVERT",
        `block #${header.number} is below the finalized #${finalized.number}`,
      );
    }
    if (!this.#descends(hash, header.number, finalized)) {
      throw new ChainError(
        "CHAIN_NOT_CANONICAL",
        `block #${header.number} is not on the chain of the finalized #${finalized.number}`,
      );
    }
    if (header.number === finalized.number) return;
    const canonical = this.blocks.hashAt(header.number);
    if (!canonical || !bytesEqual(canonical, hash)) {
      // The reorg lands first: pruning below reads the canonical chain to know what to discard.
      const reorg = this.db.batch();
      this.blocks.setBest(reorg, this.#bestAbove(hash, header.number));
      reorg.commit();
    }
    const batch = this.db.batch();
    if (grandpa) {
      const { justification } = grandpa;
      if (grandpa.keep || grandpa.setChange)
        this.blocks.putJustifications(batch, hash, [[GRANDPA_ENGINE_ID, justification]]);
      if (grandpa.setChange) batch.put("grandpaSetChange", blockNumberKey(header.number), hash);
      batch.put("meta", metaKeys.latestJustification, concatBytes(hash, justification));
    }
    this.blocks.setFinalized(batch, hash);
    this.pruner.prune(batch, finalized.number, header.number);
    batch.commit();
    for (const l of this.#listeners.finalized) l({ hash, number: header.number });
  }

  onImported(listener: Listener<ImportedBlock>): () => void {
    this.#listeners.imported.add(listener);
    return () => this.#listeners.imported.delete(listener);
  }

  onFinalized(listener: Listener<BlockRef>): () => void {
    this.#listeners.finalized.add(listener);
    return () => this.#listeners.finalized.delete(listener);
  }
}

function u32be(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}
