import { CanaryError } from "@canary/primitives";

export type CliErrorCode =
  /** A command-line flag or argument that is missing, malformed or out of range. */
  "CLI_BAD_FLAG";

export class CliError extends CanaryError {
  declare readonly code: CliErrorCode;

  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
