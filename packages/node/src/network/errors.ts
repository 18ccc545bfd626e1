import { CanaryError } from "@canary/primitives";

export type NetworkErrorCode =
  /** libp2p could not listen on the addresses given (a port in use, a bad address). */
  | "NETWORK_LISTEN_FAILED"
  /** A peer address that does not end in `/p2p/<peer id>`. */
  | "NETWORK_BAD_ADDRESS"
  /** A peer's handshake names another genesis: it is on another chain. */
  | "NETWORK_WRONG_GENESIS"
  /** A peer's message does not decode, or is larger than its protocol allows. */
  | "NETWORK_BAD_MESSAGE"
  /** A request that decodes but asks what cannot be answered: a block not finalized here, too many keys. */
  | "NETWORK_BAD_REQUEST"
  /** A request to a peer this node is not connected to. */
  | "NETWORK_NO_PEER";

export class NetworkError extends CanaryError {
  declare readonly code: NetworkErrorCode;

  constructor(code: NetworkErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
