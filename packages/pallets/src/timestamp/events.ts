/** FRAME's Timestamp declares no events; the file exists so every pallet has the same set. */
export const events = {};
