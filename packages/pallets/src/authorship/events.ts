/** FRAME's Authorship declares no events; the file exists so every pallet has the same set. */
export const events = {};
