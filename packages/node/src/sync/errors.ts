import { CanaryError } from "@canary/primitives";

/**
 * What went wrong talking to a peer while syncing. The NETWORK_ codes are kept from before sync
 * had its own module: each names what a peer did on the network.
 */
export type SyncErrorCode =
  /** A block response that does not answer its request: too many blocks, wrong start, not linked. */
  | "NETWORK_BAD_RESPONSE"
  /** A peer's chain shares no block with ours within the ancestor search (512 blocks). */
  | "NETWORK_NO_COMMON_ANCESTOR"
  /** A peer did not answer a block request in time. */
  | "NETWORK_TIMEOUT"
  /** A slow request given up because a faster peer has blocks this node lacks: no offence. */
  | "NETWORK_ABANDONED";

export class SyncError extends CanaryError {
  declare readonly code: SyncErrorCode;

  constructor(code: SyncErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
