import { CanaryError } from "@canary/primitives";

export type ExecutorErrorCode =
  /** The runtime threw (a panic): the caller discards every change of the call. */
  | "RUNTIME_PANIC"
  /** The bundle failed to evaluate or did not define `globalThis.canaryRuntime.call`. */
  | "RUNTIME_INVALID_CODE"
  /** A host function threw (database, crypto backend): the node's fault, not the runtime's. */
  | "HOST_FUNCTION_FAILED";

export class ExecutorError extends CanaryError {
  declare readonly code: ExecutorErrorCode;
  /** The entry point being run (`Core_version`, ...), when the error happened during a call. */
  readonly method: string | undefined;

  constructor(code: ExecutorErrorCode, message: string, options?: { cause?: unknown; method?: string }) {
    super(code, message, options);
    this.method = options?.method;
  }
}
