/** Utility's errors, with FRAME's indices. */
export const errors = {
  TooManyCalls: { index: 0, docs: ["Too many calls batched."] },
};
