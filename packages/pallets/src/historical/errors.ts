/** Historical has no errors of its own, as FRAME's. */
export const errors = {};
