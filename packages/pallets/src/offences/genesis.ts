/** Offences has no genesis config: a chain starts without offences. */
export const genesis = {};
