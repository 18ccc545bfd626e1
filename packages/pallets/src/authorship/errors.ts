/** FRAME's Authorship declares no errors; the file exists so every pallet has the same set. */
export const errors = {};
