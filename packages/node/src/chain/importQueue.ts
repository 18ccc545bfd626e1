/**
 * The node's one import pipeline (issue 14): blocks from sync, from gossip and from
 * `import-blocks` are imported in the order they arrive, and each block's signatures are verified
 * on worker threads beside execution: the next few blocks' checks are handed to the workers before
 * the current one runs, and the runtime's verification calls are answered from the shared verdicts
 * (the main thread verifies a check itself when no worker has reached it). Verdicts never change
 * the outcome: a check the node could not rebuild, or rebuilt wrongly, is verified by the runtime.
 * Blocks this node authored come through here too (executed already, so imported at once), and so
 * do the pool's batches of transactions to check (`verifyAhead`): one owner of the workers.
 */
import type { SharedVerdicts, SharedVerifier } from "@canary/crypto";
import { CoreApi } from "@canary/frame";
import { type Block, blockHash, type Header, toHex } from "@canary/primitives";
import type { BlockState } from "../overlay/index.ts";
import type { Chain, ImportedBlock } from "./chain.ts";
import { ChainError } from "./errors.ts";
import { blockSignatureChecks, extrinsicSignatureChecks, type RuntimeVersions } from "./preverify.ts";
import { apiAt } from "./runtimeApi.ts";

export interface ImportQueueOptions {
  /**
   * Workers that verify signatures, or a function making them when the first block arrives (a
   * node that never imports from peers never starts them); none: the runtime verifies them all.
   */
  readonly verifier?: SharedVerifier | (() => SharedVerifier);
  /** Blocks whose verification starts before their turn to execute (default 4). */
  readonly lookahead?: number;
  /** And at most this many bytes of extrinsics among them, the next block's always (default 16 MiB). */
  readonly lookaheadBytes?: number;
  /** Told once when the workers cannot be started or stop working (the queue goes on without them). */
  readonly onVerifierFailure?: (error: unknown) => void;
}

interface Entry {
  readonly block: Block;
  readonly hash: string;
  readonly bytes: number;
  verdicts: SharedVerdicts | undefined;
  resolve(imported: ImportedBlock): void;
  reject(error: unknown): void;
}

const DEFAULT_LOOKAHEAD_BYTES = 16 * 1024 * 1024;
/** Fewer transactions than this are not worth the workers' start (see `verifyAhead`). */
export const MIN_VERIFY_AHEAD = 8;

export class ImportQueue {
  readonly #chain: Chain;
  readonly #verifier: SharedVerifier | (() => SharedVerifier) | undefined;
  readonly #lookahead: number;
  readonly #lookaheadBytes: number;
  readonly #onVerifierFailure: (error: unknown) => void;
  readonly #queue: Entry[] = [];
  /** Headers of queued blocks, for the era birth of a child queued behind its parent. */
  readonly #headers = new Map<string, Header>();
  #version: RuntimeVersions | undefined;
  #verifierFailed = false;
  #closed = false;
  #scheduled = false;
  #idle: Array<() => void> = [];

  constructor(chain: Chain, options: ImportQueueOptions = {}) {
    this.#chain = chain;
    this.#verifier = options.verifier;
    this.#lookahead = Math.max(1, options.lookahead ?? 4);
    this.#lookaheadBytes = options.lookaheadBytes ?? DEFAULT_LOOKAHEAD_BYTES;
    this.#onVerifierFailure = options.onVerifierFailure ?? (() => {});
  }

  /** Blocks waiting or running. */
  get length(): number {
    return this.#queue.length;
  }

  /** Queues `block`; resolves once it is imported, rejects with the chain's error if it is refused. */
  import(block: Block): Promise<ImportedBlock> {
    if (this.#closed) return Promise.reject(this.#stopped());
    return new Promise((resolve, reject) => {
      const hash = toHex(blockHash(block.header));
      let bytes = 0;
      for (const xt of block.extrinsics) bytes += xt.length;
      this.#queue.push({ block, hash, bytes, verdicts: undefined, resolve, reject });
      this.#headers.set(hash, block.header);
      this.#startVerification();
      this.#schedule();
    });
  }

  /**
   * Imports a block this node built on `state` (its author executed it and knows its signatures):
   * at once, between two queued blocks, as nothing queued can be its parent.
   */
  importExecuted(block: Block, state: BlockState): ImportedBlock {
    if (this.#closed) throw this.#stopped();
    return this.#chain.importBlock(block, state);
  }

  /**
   * Starts verifying the signatures of `extrinsics` as a block `at.number` on `at.parentHash`
   * would check them (a block being built, a batch of pool transactions), on the workers. None for
   * fewer than `MIN_VERIFY_AHEAD` (the main thread verifies those as fast, and a node that only
   * ever sees a few transactions never starts its workers). Cancel the verdicts once done with
   * them, so that workers stop early.
   */
  verifyAhead(
    extrinsics: readonly Uint8Array[],
    at: { number: number; parentHash: Uint8Array },
  ): SharedVerdicts | undefined {
    if (extrinsics.length < MIN_VERIFY_AHEAD || !this.#chain.header(at.parentHash)) return undefined;
    const verifier = this.#workers();
    if (verifier === undefined) return undefined;
    try {
      const version = apiAt(this.#chain, at.parentHash, CoreApi).version();
      return verifier.start(extrinsicSignatureChecks(this.#chain, extrinsics, at, version));
    } catch {
      // The runtime verifies them all, and says what is wrong with them.
      return undefined;
    }
  }

  /**
   * Stops importing: blocks still queued are refused with CHAIN_IMPORT_STOPPED (the node's
   * shutdown, not their fault), and later ones at once. The block being imported, if any, finishes.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const entry of this.#queue.splice(0)) {
      entry.verdicts?.cancel();
      entry.reject(this.#stopped());
    }
    this.#headers.clear();
    for (const resolve of this.#idle.splice(0)) resolve();
  }

  #stopped(): ChainError {
    return new ChainError(
      "CHAIN_IMPORT_STOPPED",
      "the node stopped importing blocks as it shuts down; peers serve them again after a restart",
    );
  }

  /** Resolves once every queued block is imported or refused. */
  idle(): Promise<void> {
    if (this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // One block per turn of the event loop, so the network and RPC are served between blocks.
    setImmediate(() => {
      this.#scheduled = false;
      this.#importNext();
    });
  }

  #importNext(): void {
    const entry = this.#queue[0];
    if (entry === undefined) return;
    this.#startVerification();
    try {
      entry.resolve(this.#chain.importBlock(entry.block, undefined, entry.verdicts));
    } catch (error) {
      this.#cancelDescendants(entry.hash);
      entry.reject(error);
    } finally {
      this.#queue.shift();
      this.#headers.delete(entry.hash);
    }
    if (this.#queue.length > 0) this.#schedule();
    else for (const resolve of this.#idle.splice(0)) resolve();
  }

  /** Queued descendants of a refused block will be refused too: the workers stop on their checks. */
  #cancelDescendants(refused: string): void {
    const doomed = new Set([refused]);
    for (const next of this.#queue) {
      if (!doomed.has(toHex(next.block.header.parentHash))) continue;
      doomed.add(next.hash);
      next.verdicts?.cancel();
    }
  }

  /** The workers, started on first use; none if they cannot start or have stopped working. */
  #workers(): SharedVerifier | undefined {
    if (this.#verifierFailed) return undefined;
    let verifier: SharedVerifier | undefined;
    try {
      verifier = typeof this.#verifier === "function" ? this.#verifier() : this.#verifier;
    } catch (error) {
      this.#verifierFailed = true;
      this.#onVerifierFailure(error);
      return undefined;
    }
    if (verifier?.failure !== undefined) {
      this.#verifierFailed = true;
      this.#onVerifierFailure(verifier.failure);
      return undefined;
    }
    return verifier?.parallel ? verifier : undefined;
  }

  /** Hands the checks of the next `lookahead` blocks (within the byte budget) to the workers. */
  #startVerification(): void {
    const verifier = this.#workers();
    if (verifier === undefined) return;
    const end = Math.min(this.#queue.length, this.#lookahead);
    let bytes = 0;
    for (let i = 0; i < end; i++) {
      const entry = this.#queue[i]!;
      if (i > 0 && bytes + entry.bytes > this.#lookaheadBytes) return;
      bytes += entry.bytes;
      if (entry.verdicts !== undefined) continue;
      const version = this.#versionFor(entry.block);
      if (version === undefined) return;
      try {
        const checks = blockSignatureChecks(this.#chain, entry.block, version, {
          header: (hash) => this.#headers.get(toHex(hash)),
        });
        entry.verdicts = verifier.start(checks);
      } catch {
        // Left to the runtime: a block the node cannot read is the runtime's to refuse.
      }
    }
  }

  /** The runtime version the block's signatures were made for: its parent's, or the latest seen. */
  #versionFor(block: Block): RuntimeVersions | undefined {
    const parent = block.header.parentHash;
    if (this.#chain.header(parent)) {
      try {
        this.#version = apiAt(this.#chain, parent, CoreApi).version();
      } catch {
        // The parent's state is gone (pruned) or its code fails: the import will say so.
      }
    }
    return this.#version;
  }
}
