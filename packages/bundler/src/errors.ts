import { CanaryError } from "@canary/primitives";

export type BundlerErrorCode =
  /** esbuild could not build the entry (a syntax error, an import it cannot resolve). */
  | "RUNTIME_BUILD_FAILED"
  /**
   * A build output does not match the sources it would be built from now (a source changed, went
   * missing, or the manifest is absent, unreadable or disagrees with the bundle's bytes).
   */
  | "RUNTIME_STALE_BUILD";

export class BundlerError extends CanaryError {
  declare readonly code: BundlerErrorCode;

  constructor(code: BundlerErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
