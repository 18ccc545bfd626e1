import { CanaryError } from "@canary/primitives";

export type AuthorshipErrorCode =
  /** The runtime refused an inherent it made itself: the runtime is broken. */
  | "AUTHOR_INHERENT_REFUSED"
  /** The claim rule gave this node no slot within reach of the clock. */
  | "AUTHOR_NO_SLOT";

export class AuthorshipError extends CanaryError {
  declare readonly code: AuthorshipErrorCode;

  constructor(code: AuthorshipErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
