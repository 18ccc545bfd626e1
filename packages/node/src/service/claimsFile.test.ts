import { describe, expect, it } from "vitest";
import { parseClaims } from "./claimsFile.ts";

const A = "0x19E7E376E7C213B7E7e7e46cc70A5dD086DAff2A";
const B = "0x1563915e194D8CfBA1943570603F7606A3115508";

describe("the claims file", () => {
  it("becomes the runtime's claims section: lower-case addresses, statements and vesting", () => {
    expect(
      parseClaims([
        { address: A, amount: "100", vesting: { locked: "50", perBlock: "1", startingBlock: 10 } },
        { address: B, amount: 7, statement: "Saft" },
      ]),
    ).toEqual({
      claims: [
        [A.toLowerCase(), "100", null, null],
        [B.toLowerCase(), "7", null, "Saft"],
      ],
      vesting: [[A.toLowerCase(), ["50", "1", 10]]],
    });
  });

  it("names the entry and what is wrong with it", () => {
    const cases: Array<[unknown, RegExp]> = [
      [{}, /expected a JSON array/],
      [[{ address: "0x12", amount: "1" }], /claim 0: "address" must be a 0x-prefixed 20-byte/],
      [[{ address: A, amount: "-1" }], /claim 0 amount must be a whole number of planck/],
      [[{ address: A, amount: "1", extra: 1 }], /claim 0: unknown field "extra"/],
      [
        [
          { address: A, amount: "1" },
          { address: A.toLowerCase(), amount: "2" },
        ],
        /claim 1: .* has a claim already/,
      ],
      [[{ address: A, amount: "1", statement: "Other" }], /"statement" must be "Regular" or "Saft"/],
      [
        [{ address: A, amount: "10", vesting: { locked: "11", perBlock: "1", startingBlock: 0 } }],
        /locks 11, more than the claim's 10/,
      ],
      [
        [{ address: A, amount: "10", vesting: { locked: "1", perBlock: "1", startingBlock: -1 } }],
        /"startingBlock" must be a block number/,
      ],
      [[{ address: A, amount: (1n << 128n).toString() }], /whole number of planck/],
    ];
    for (const [input, error] of cases) expect(() => parseClaims(input, "claims.json")).toThrow(error);
  });
});
