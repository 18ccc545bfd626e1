/** Raw, unprefixed keys FRAME keeps outside any pallet. */
export const WELL_KNOWN_KEYS = {
  code: Uint8Array.from([0x3a, 0x63, 0x6f, 0x64, 0x65]), // ":code"
  extrinsicIndex: Uint8Array.from(":extrinsic_index", (c) => c.charCodeAt(0)),
  heapPages: Uint8Array.from(":heappages", (c) => c.charCodeAt(0)),
} as const;
