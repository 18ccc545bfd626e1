import { toHex } from "@canary/primitives";
import { describe, expect, it } from "vitest";
import { BlockLengthCodec, BlockWeightsCodec, blockLimits, blockWeightsValue } from "./limits.ts";
import {
  combineValidity,
  DEFAULT_VALIDITY,
  invalid,
  TransactionValidityCodec,
  TransactionValidityErrorCodec,
} from "./transactionValidity.ts";

describe("Kusama block limits", () => {
  const limits = blockLimits();

  it("gives Normal 75% of 2 s, reserves the rest for Operational, and leaves Mandatory unlimited", () => {
    expect(limits.maxBlock.refTime).toBe(2_000_000_000_000n);
    expect(limits.perClass.Normal.maxTotal?.refTime).toBe(1_500_000_000_000n);
    expect(limits.perClass.Operational.maxTotal?.refTime).toBe(2_000_000_000_000n);
    expect(limits.perClass.Operational.reserved?.refTime).toBe(500_000_000_000n);
    // max_extrinsic = max_total − 1% on_initialize − ExtrinsicBaseWeight
    expect(limits.perClass.Normal.maxExtrinsic?.refTime).toBe(
      1_500_000_000_000n - 20_000_000_000n - 124_706_000n,
    );
    expect(limits.perClass.Mandatory.maxTotal).toBeUndefined();
    expect(limits.maxLength).toEqual({ Normal: 3_932_160, Operational: 5_242_880, Mandatory: 5_242_880 });
  });

  it("encodes the BlockWeights and BlockLength constants and decodes them back", () => {
    const value = blockWeightsValue(limits);
    expect(BlockWeightsCodec.dec(BlockWeightsCodec.enc(value))).toEqual(value);
    const length = { max: { normal: 3_932_160, operational: 5_242_880, mandatory: 5_242_880 } };
    expect(toHex(BlockLengthCodec.enc(length))).toBe("0x00003c000000500000005000");
  });
});

describe("transaction validity", () => {
  it("encodes errors with Substrate's indices", () => {
    expect(toHex(TransactionValidityErrorCodec.enc(invalid({ tag: "Stale" }).error))).toBe("0x0003");
    expect(toHex(TransactionValidityErrorCodec.enc(invalid({ tag: "Custom", value: 7 }).error))).toBe(
      "0x000707",
    );
    expect(toHex(TransactionValidityErrorCodec.enc({ tag: "Unknown", value: { tag: "CannotLookup" } }))).toBe(
      "0x0100",
    );
    expect(
      toHex(
        TransactionValidityCodec.enc({ ok: false, error: { tag: "Invalid", value: { tag: "Payment" } } }),
      ),
    ).toBe("0x010001");
  });

  it("combines validities as FRAME does: priorities add (saturating), tags join, shortest longevity", () => {
    const a = {
      ...DEFAULT_VALIDITY,
      priority: (1n << 64n) - 2n,
      provides: [Uint8Array.of(1)],
      longevity: 64n,
    };
    const b = {
      ...DEFAULT_VALIDITY,
      priority: 5n,
      requires: [Uint8Array.of(2)],
      longevity: 100n,
      propagate: false,
    };
    expect(combineValidity(a, b)).toEqual({
      priority: (1n << 64n) - 1n,
      requires: [Uint8Array.of(2)],
      provides: [Uint8Array.of(1)],
      longevity: 64n,
      propagate: false,
    });
  });
});
