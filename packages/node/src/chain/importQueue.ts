/**
 * The node's one import pipeline (issue 14): blocks from sync and from `import-blocks` are
 * imported in the order they arrive, and each block's signatures are verified on worker threads
 * beside execution: the next few blocks' checks are handed to the workers before the current one
 * runs, and the runtime's verification calls are answered from the shared verdicts (the main
 * thread verifies a check itself when no worker has reached it). Verdicts never change the
 * outcome: a check the node could not rebuild, or rebuilt wrongly, is verified by the runtime.
 */
import type { SharedVerdicts, SharedVerifier } from "@canary/crypto";
import { CoreApi } from "@canary/frame";
import { type Block, blockHash, type Header, toHex } from "@canary/primitives";
import type { Chain, ImportedBlock } from "./chain.ts";
import { blockSignatureChecks } from "./preverify.ts";
import { apiAt } from "./runtimeApi.ts";

export interface ImportQueueOptions {
  /**
   * Workers that verify signatures, or a function making them when the first block arrives (a
   * node that never imports from peers never starts them); none: the runtime verifies them all.
   */
  readonly verifier?: SharedVerifier | (() => SharedVerifier);
  /** Blocks whose verification starts before their turn to execute (default 4). */
  readonly lookahead?: number;
}

interface Entry {
  readonly block: Block;
  readonly hash: string;
  verdicts: SharedVerdicts | undefined;
  resolve(imported: ImportedBlock): void;
  reject(error: unknown): void;
}

type Version = { spec_version: number; transaction_version: number };

export class ImportQueue {
  readonly #chain: Chain;
  readonly #verifier: SharedVerifier | (() => SharedVerifier) | undefined;
  readonly #lookahead: number;
  readonly #queue: Entry[] = [];
  /** Headers of queued blocks, for the era birth of a child queued behind its parent. */
  readonly #headers = new Map<string, Header>();
  #version: Version | undefined;
  #scheduled = false;
  #idle: Array<() => void> = [];

  constructor(chain: Chain, options: ImportQueueOptions = {}) {
    this.#chain = chain;
    this.#verifier = options.verifier;
    this.#lookahead = Math.max(1, options.lookahead ?? 4);
  }

  /** Blocks waiting or running. */
  get length(): number {
    return this.#queue.length;
  }

  /** Queues `block`; resolves once it is imported, rejects with the chain's error if it is refused. */
  import(block: Block): Promise<ImportedBlock> {
    return new Promise((resolve, reject) => {
      const hash = toHex(blockHash(block.header));
      this.#queue.push({ block, hash, verdicts: undefined, resolve, reject });
      this.#headers.set(hash, block.header);
      this.#startVerification();
      this.#schedule();
    });
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
      entry.reject(error);
    } finally {
      this.#queue.shift();
      this.#headers.delete(entry.hash);
    }
    if (this.#queue.length > 0) this.#schedule();
    else for (const resolve of this.#idle.splice(0)) resolve();
  }

  /** Hands the checks of the next `lookahead` blocks to the workers. */
  #startVerification(): void {
    const verifier = typeof this.#verifier === "function" ? this.#verifier() : this.#verifier;
    if (verifier === undefined || !verifier.parallel) return;
    const end = Math.min(this.#queue.length, this.#lookahead);
    for (let i = 0; i < end; i++) {
      const entry = this.#queue[i]!;
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
  #versionFor(block: Block): Version | undefined {
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
