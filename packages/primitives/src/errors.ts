/**
 * Errors carry a stable code (for programs), a message a person can act on, and their cause.
 * Every package derives its errors from CanaryError so that callers can branch on `code`.
 */
export class CanaryError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** What was wrong with the bytes a decoder was given. */
export type DecodeErrorKind =
  | "truncated"
  | "trailing-bytes"
  | "non-canonical"
  | "unknown-variant"
  | "too-large"
  | "bad-length"
  | "bad-checksum"
  | "bad-prefix"
  | "invalid-value";

/** Raised by every decoder in Canary, and only this, for any malformed input. */
export class DecodeError extends CanaryError {
  readonly kind: DecodeErrorKind;
  /** What was being decoded, e.g. "Header.digest" or "Compact<u32>". */
  readonly what: string;

  constructor(kind: DecodeErrorKind, what: string, detail: string, options?: { cause?: unknown }) {
    super(`DECODE_${kind.toUpperCase().replaceAll("-", "_")}`, `cannot decode ${what}: ${detail}`, options);
    this.kind = kind;
    this.what = what;
  }
}

/** Raised by an encoder given a value its type cannot hold (out of range, wrong length). */
export class EncodeError extends CanaryError {
  constructor(what: string, detail: string) {
    super("ENCODE_INVALID_VALUE", `cannot encode ${what}: ${detail}`);
  }
}
