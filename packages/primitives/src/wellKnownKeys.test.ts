import { describe, expect, it } from "vitest";
import { toHex } from "./hex.ts";
import { INHERENT_IDENTIFIERS, WELL_KNOWN_KEYS } from "./wellKnownKeys.ts";

describe("well-known keys", () => {
  it("are Substrate's bytes", () => {
    expect(toHex(WELL_KNOWN_KEYS.code)).toBe("0x3a636f6465");
    expect(toHex(WELL_KNOWN_KEYS.heapPages)).toBe("0x3a686561707061676573");
    expect(toHex(WELL_KNOWN_KEYS.extrinsicIndex)).toBe("0x3a65787472696e7369635f696e646578");
    expect(toHex(WELL_KNOWN_KEYS.grandpaAuthorities)).toBe("0x3a6772616e6470615f617574686f726974696573");
  });

  it("name inherents with 8-byte identifiers", () => {
    expect(Object.values(INHERENT_IDENTIFIERS).map(toHex)).toEqual([
      "0x74696d7374617030", // timstap0
      "0x62616265736c6f74", // babeslot
      "0x61757261736c6f74", // auraslot
    ]);
  });
});
