/** Authorship has no genesis config: block 0 has no author. */
export const genesis = {};
