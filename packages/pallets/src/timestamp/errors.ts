/**
 * FRAME's Timestamp declares no errors: a wrong timestamp is a panic (an invalid block), not a
 * dispatch error. The panics are `CanaryError`s with these codes.
 */
export const PANICS = {
  setTwice: "TIMESTAMP_SET_TWICE",
  tooEarly: "TIMESTAMP_TOO_EARLY",
  notSet: "TIMESTAMP_NOT_SET",
} as const;

export const errors = {};
