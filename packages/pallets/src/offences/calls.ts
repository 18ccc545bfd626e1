/** FRAME's Offences has no calls: consensus pallets report through its API. */
export const calls = {};
