/** Utility has no genesis config. */
export const genesis = {};
