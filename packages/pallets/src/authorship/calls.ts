/** FRAME's Authorship has no calls (uncles were removed); the file exists so every pallet has the same set. */
export const calls = {};
