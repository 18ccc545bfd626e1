/**
 * Frame's error codes, listed in one place. A `FrameError` is a bug in a runtime's composition or
 * a panic of a runtime call (the host reports it and discards the call's changes); a failing
 * dispatch is a `DispatchFailure` instead.
 */
import { CanaryError } from "@canary/primitives";

export type FrameErrorCode =
  /** Runtime code ran outside `withHost`. */
  | "FRAME_NO_HOST"
  /** Two variants of one call/event/error enum share an index. */
  | "FRAME_DUPLICATE_INDEX"
  /** A pallet instance name that cannot be a storage prefix or metadata name. */
  | "FRAME_BAD_INSTANCE_NAME"
  /** A pallet emitted an event or raised an error it does not declare. */
  | "FRAME_NO_EVENTS"
  | "FRAME_UNKNOWN_ERROR"
  /** A runtime's calls or dispatch were used before `build()`, or a pallet added after it. */
  | "FRAME_RUNTIME_UNBUILT"
  | "FRAME_RUNTIME_BUILT"
  /** An event was deposited in a runtime built without an event sink. */
  | "FRAME_NO_EVENT_SINK"
  /** A pallet index that is not a byte or is taken, or a name that is taken. */
  | "FRAME_PALLET_INDEX"
  | "FRAME_PALLET_NAME"
  /** A call the runtime does not have. */
  | "FRAME_UNKNOWN_CALL"
  /** A signed extension the ecosystem does not define. */
  | "FRAME_UNKNOWN_EXTENSION"
  /** A runtime API entry point declared twice, not implemented, called but absent, or given undecodable input. */
  | "FRAME_DUPLICATE_API"
  | "FRAME_MISSING_API_METHOD"
  | "RUNTIME_UNKNOWN_API"
  | "RUNTIME_BAD_INPUT"
  /** The host's side of a runtime API: an argument that does not encode, an answer that does not decode. */
  | "RUNTIME_API_BAD_ARGUMENT"
  | "RUNTIME_API_BAD_OUTPUT"
  /** Metadata that cannot be built: an unsupported version or a type the registry cannot hold. */
  | "METADATA_UNSUPPORTED_VERSION"
  | "METADATA_BAD_TYPE"
  /** A block that does not execute to its header: an invalid extrinsic, or another root or digest. */
  | "BLOCK_INVALID_EXTRINSIC"
  | "BLOCK_BAD_EXTRINSICS_ROOT"
  | "BLOCK_BAD_DIGEST"
  | "BLOCK_BAD_STATE_ROOT";

export class FrameError extends CanaryError {
  declare readonly code: FrameErrorCode;

  constructor(code: FrameErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
