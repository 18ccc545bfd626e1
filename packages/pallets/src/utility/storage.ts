/** Utility keeps no storage (FRAME's neither); the file exists so every pallet has the same set. */
export const storage = {};
