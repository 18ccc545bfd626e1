/** FRAME's Timestamp has no genesis config: `Now` starts at 0 and the first block may set any time. */
export const genesis = {};
