import { CanaryError } from "@canary/primitives";

export type CliErrorCode =
  /** A command-line flag or argument that is missing, malformed or out of range. */
  | "CLI_BAD_FLAG"
  /** An input file (e.g. an election case) that is unreadable or holds a bad value. */
  | "CLI_BAD_INPUT";

export class CliError extends CanaryError {
  declare readonly code: CliErrorCode;

  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
