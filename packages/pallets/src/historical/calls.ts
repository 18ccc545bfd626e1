/** Historical has no calls, as FRAME's. */
export const calls = () => ({});
