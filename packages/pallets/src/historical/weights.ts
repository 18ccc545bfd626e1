/** Historical has no calls, so no weights. */
export const weights = {};
