/** FRAME's transaction payment has no calls; the file exists so every pallet has the same set. */
export const calls = {};
