/** FRAME's BABE declares no events; the file exists so every pallet has the same set. */
export const events = {};
