import { CanaryError } from "@canary/primitives";
import { ExecutorError } from "../executor/errors.ts";

export type ChainErrorCode =
  /** The genesis storage does not hash to the genesis header's state root. */
  | "CHAIN_BAD_GENESIS"
  /** A block on a fork that does not contain the finalized block: it can never be part of the chain. */
  | "CHAIN_NOT_IN_FINALIZED_CHAIN"
  /** A block the chain does not hold. */
  | "CHAIN_UNKNOWN_BLOCK"
  /** The state asked for was pruned (only the last finalized states are kept). */
  | "CHAIN_STATE_PRUNED"
  /** A state with no runtime at `:code`. */
  | "CHAIN_NO_CODE"
  /** The database lacks its best or finalized block: it is damaged. */
  | "CHAIN_CORRUPT"
  /** A block whose parent is not known. */
  | "CHAIN_UNKNOWN_PARENT"
  /** A block at or below the finalized height: it can never be part of the chain. */
  | "CHAIN_BELOW_FINALIZED"
  /** A block whose number is not its parent's plus one. */
  | "CHAIN_BAD_NUMBER"
  /** A block whose execution ends in another state root than its header's. */
  | "CHAIN_BAD_STATE_ROOT"
  /** Finalizing a block that is not on the chain of the finalized block. */
  | "CHAIN_NOT_CANONICAL"
  /** Finalizing a block below the finalized one. */
  | "CHAIN_FINALITY_REVERT"
  /** A block queued for import when the node stopped importing (shutting down): not the block's fault. */
  | "CHAIN_IMPORT_STOPPED"
  /** A block with no valid seal of the authority its digest names. */
  | "BLOCK_BAD_SEAL"
  /** A block without exactly one decodable BABE pre-runtime digest (its slot claim). */
  | "BLOCK_BAD_PRE_DIGEST"
  /** A block sealed in a slot that is not its author's, or not after its parent's. */
  | "BLOCK_WRONG_SLOT"
  /** A BABE claim that does not hold: a bad VRF proof, over the threshold, the wrong secondary author or slot type. */
  | "BLOCK_BAD_CLAIM"
  /** A block whose slot is further ahead of the local clock than the allowed drift. */
  | "BLOCK_FUTURE_SLOT"
  /** A block that starts an epoch without announcing the next one, or announces out of turn or twice. */
  | "BLOCK_BAD_EPOCH_CHANGE";

export class ChainError extends CanaryError {
  declare readonly code: ChainErrorCode;

  constructor(code: ChainErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** Import failures that are the block's fault: whoever sent it sent an invalid block. */
const INVALID_BLOCK: ReadonlySet<ChainErrorCode> = new Set<ChainErrorCode>([
  "CHAIN_BAD_NUMBER",
  "CHAIN_BAD_STATE_ROOT",
  "BLOCK_BAD_SEAL",
  "BLOCK_BAD_PRE_DIGEST",
  "BLOCK_WRONG_SLOT",
  "BLOCK_BAD_CLAIM",
  "BLOCK_FUTURE_SLOT",
  "BLOCK_BAD_EPOCH_CHANGE",
]);

/**
 * Import failures of a block that may be valid but cannot join this node's chain: it is on a fork
 * that left the chain below the finalized block, or its parent is not (or no longer) here, as a
 * fork's blocks are dropped once finality passes them by.
 */
const OFF_CHAIN: ReadonlySet<ChainErrorCode> = new Set<ChainErrorCode>([
  "CHAIN_UNKNOWN_PARENT",
  "CHAIN_BELOW_FINALIZED",
  "CHAIN_NOT_IN_FINALIZED_CHAIN",
]);

/**
 * Whose fault a failed `importBlock` is: `block`, an invalid block (its checks, or its execution:
 * the runtime panics on a block that breaks its rules); `fork`, a block off the chain this node
 * has finalized, which an honest peer on another fork may send; `node`, the node itself (its
 * database, a host function, a runtime that does not load, or anything unexpected).
 */
export type ImportFault = "block" | "fork" | "node";

export function importFault(error: unknown): ImportFault {
  if (error instanceof ChainError) {
    if (INVALID_BLOCK.has(error.code)) return "block";
    if (OFF_CHAIN.has(error.code)) return "fork";
  }
  if (error instanceof ExecutorError && error.code === "RUNTIME_PANIC") return "block";
  return "node";
}

/** Whether `importBlock` failed because the block is invalid (see `importFault`). */
export function isInvalidBlock(error: unknown): boolean {
  return importFault(error) === "block";
}
