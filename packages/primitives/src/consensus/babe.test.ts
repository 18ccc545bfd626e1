import { TypeRegistry } from "@polkadot/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BABE_ENGINE_ID } from "../digest.ts";
import { Header } from "../header.ts";
import { fromHex, toHex } from "../hex.ts";
import type { Codec } from "../scale/codec.ts";
import { kindOf } from "../test/kindOf.ts";
import {
  BabeAllowedSlots,
  BabeConsensusLog,
  BabeEpochConfiguration,
  BabeNextConfigDescriptor,
  BabePreDigest,
  babePreDigestWeight,
} from "./babe.ts";
import { KUSAMA_BLOCK_1 } from "./test/kusamaBlock1.ts";

const registry = new TypeRegistry();
// polkadot.js has no type for BABE's ConsensusLog; this one is written from sp_consensus_babe.
registry.register({
  CanaryBabeNextEpoch: { authorities: "Vec<(AccountId, u64)>", randomness: "[u8; 32]" },
  CanaryBabeLog: {
    _enum: {
      Unused: "Null",
      NextEpochData: "CanaryBabeNextEpoch",
      OnDisabled: "u32",
      NextConfigData: "NextConfigDescriptor",
    },
  },
});

const bytesN = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const u32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const allowed = fc.constantFrom<BabeAllowedSlots>(
  "PrimarySlots",
  "PrimaryAndSecondaryPlainSlots",
  "PrimaryAndSecondaryVRFSlots",
);
const vrf = fc.record({ preOutput: bytesN(32), proof: bytesN(64) });
const arbPreDigest: fc.Arbitrary<BabePreDigest> = fc.oneof(
  fc
    .record({ authorityIndex: u32, slot: u64, vrfSignature: vrf })
    .map((value) => ({ tag: "Primary" as const, value })),
  fc.record({ authorityIndex: u32, slot: u64 }).map((value) => ({ tag: "SecondaryPlain" as const, value })),
  fc
    .record({ authorityIndex: u32, slot: u64, vrfSignature: vrf })
    .map((value) => ({ tag: "SecondaryVRF" as const, value })),
);
const arbConfig = fc.record({ c: fc.tuple(u64, u64), allowedSlots: allowed });
const arbLog: fc.Arbitrary<BabeConsensusLog> = fc.oneof(
  fc
    .record({ authorities: fc.array(fc.tuple(bytesN(32), u64), { maxLength: 6 }), randomness: bytesN(32) })
    .map((value) => ({ tag: "NextEpochData" as const, value })),
  u32.map((value) => ({ tag: "OnDisabled" as const, value })),
  arbConfig.map((config) => ({
    tag: "NextConfigData" as const,
    value: { tag: "V1" as const, value: config },
  })),
);

function pjsPreDigest(d: BabePreDigest): Record<string, unknown> {
  const base = { authorityIndex: d.value.authorityIndex, slotNumber: d.value.slot };
  if (d.tag === "SecondaryPlain") return { SecondaryPlain: base };
  const v = d.value.vrfSignature;
  return { [d.tag]: { ...base, vrfOutput: toHex(v.preOutput), vrfProof: toHex(v.proof) } };
}

const pjsConfig = (c: BabeEpochConfiguration) => ({ c: c.c, allowedSlots: c.allowedSlots });

function pjsLog(log: BabeConsensusLog): Record<string, unknown> {
  if (log.tag === "OnDisabled") return { OnDisabled: log.value };
  if (log.tag === "NextConfigData") return { NextConfigData: { V1: pjsConfig(log.value.value) } };
  return {
    NextEpochData: {
      authorities: log.value.authorities.map(([k, w]) => [toHex(k), w]),
      randomness: toHex(log.value.randomness),
    },
  };
}

/** Every strict prefix and one extra byte are refused with a DecodeError. */
function expectRefusesCuts<T>(codec: Codec<T>, bytes: Uint8Array): void {
  for (let n = 0; n < bytes.length; n++) expect(kindOf(() => codec.dec(bytes.subarray(0, n)))).not.toBe("ok");
  for (let n = 0; n < bytes.length; n++)
    expect(kindOf(() => codec.dec(bytes.subarray(0, n)))).not.toMatch(/^not a/);
  expect(kindOf(() => codec.dec(fromHex(`${toHex(bytes)}00`)))).toBe("trailing-bytes");
}

describe("BABE PreDigest", () => {
  it("matches @polkadot/types RawBabePreDigest on random digests, both ways", () => {
    fc.assert(
      fc.property(arbPreDigest, (d) => {
        const bytes = BabePreDigest.enc(d);
        expect(toHex(bytes)).toBe(registry.createType("RawBabePreDigest", pjsPreDigest(d)).toHex());
        expect(BabePreDigest.dec(bytes)).toEqual(d);
      }),
      { numRuns: 200 },
    );
  });

  it("has the documented layout: tag, authority u32 LE, slot u64 LE, pre-output, proof", () => {
    const d: BabePreDigest = {
      tag: "Primary",
      value: {
        authorityIndex: 2,
        slot: 0x0102030405060708n,
        vrfSignature: { preOutput: new Uint8Array(32).fill(0xaa), proof: new Uint8Array(64).fill(0xbb) },
      },
    };
    expect(toHex(BabePreDigest.enc(d))).toBe(
      `0x01020000000807060504030201${"aa".repeat(32)}${"bb".repeat(64)}`,
    );
    expect(babePreDigestWeight(d)).toBe(1);
    expect(babePreDigestWeight({ tag: "SecondaryPlain", value: { authorityIndex: 0, slot: 0n } })).toBe(0);
  });

  it("refuses index 0 and 4+, truncations and trailing bytes with a DecodeError", () => {
    expect(kindOf(() => BabePreDigest.dec(Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))).toBe(
      "unknown-variant",
    );
    expect(kindOf(() => BabePreDigest.dec(Uint8Array.of(4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))).toBe(
      "unknown-variant",
    );
    fc.assert(
      fc.property(arbPreDigest, (d) => expectRefusesCuts(BabePreDigest, BabePreDigest.enc(d))),
      { numRuns: 20 },
    );
  });
});

describe("BABE configuration", () => {
  it("AllowedSlots, BabeEpochConfiguration and NextConfigDescriptor match @polkadot/types", () => {
    fc.assert(
      fc.property(arbConfig, (config) => {
        expect(toHex(BabeAllowedSlots.enc(config.allowedSlots))).toBe(
          registry.createType("AllowedSlots", config.allowedSlots).toHex(),
        );
        const bytes = BabeEpochConfiguration.enc(config);
        expect(toHex(bytes)).toBe(registry.createType("BabeEpochConfiguration", pjsConfig(config)).toHex());
        expect(BabeEpochConfiguration.dec(bytes)).toEqual(config);
        const next = BabeNextConfigDescriptor.enc({ tag: "V1", value: config });
        expect(toHex(next)).toBe(
          registry.createType("NextConfigDescriptor", { V1: pjsConfig(config) }).toHex(),
        );
      }),
      { numRuns: 100 },
    );
  });

  it("refuses an unknown AllowedSlots and a NextConfigDescriptor other than V1", () => {
    expect(kindOf(() => BabeAllowedSlots.dec(Uint8Array.of(3)))).toBe("unknown-variant");
    expect(kindOf(() => BabeNextConfigDescriptor.dec(fromHex(`0x00${"00".repeat(17)}`)))).toBe(
      "unknown-variant",
    );
    expect(
      toHex(BabeEpochConfiguration.enc({ c: [1n, 4n], allowedSlots: "PrimaryAndSecondaryVRFSlots" })),
    ).toBe("0x0100000000000000040000000000000002");
  });
});

describe("BABE ConsensusLog", () => {
  it("matches a polkadot.js type written from sp_consensus_babe, both ways", () => {
    fc.assert(
      fc.property(arbLog, (log) => {
        const bytes = BabeConsensusLog.enc(log);
        expect(toHex(bytes)).toBe(registry.createType("CanaryBabeLog", pjsLog(log)).toHex());
        expect(BabeConsensusLog.dec(bytes)).toEqual(log);
      }),
      { numRuns: 100 },
    );
  });

  it("refuses index 0 and 4, truncations and trailing bytes", () => {
    expect(kindOf(() => BabeConsensusLog.dec(Uint8Array.of(0, 0, 0, 0, 0)))).toBe("unknown-variant");
    expect(kindOf(() => BabeConsensusLog.dec(Uint8Array.of(4, 0, 0, 0, 0)))).toBe("unknown-variant");
    fc.assert(
      fc.property(arbLog, (log) => expectRefusesCuts(BabeConsensusLog, BabeConsensusLog.enc(log))),
      {
        numRuns: 20,
      },
    );
  });
});

describe("Kusama block #1 (real bytes)", () => {
  const header = Header.dec(fromHex(KUSAMA_BLOCK_1.header));

  it("decodes its BABE pre-digest: SecondaryPlain, authority 1, slot 262493679", () => {
    const pre = header.digest[0]!;
    expect(pre.tag).toBe("PreRuntime");
    if (pre.tag !== "PreRuntime") return;
    expect(toHex(pre.value.engine)).toBe(toHex(BABE_ENGINE_ID));
    expect(BabePreDigest.dec(pre.value.data)).toEqual({
      tag: "SecondaryPlain",
      value: { authorityIndex: 1, slot: 262493679n },
    });
  });

  it("decodes its NextEpochData: the six genesis authorities, weight 1, zero randomness, and re-encodes it", () => {
    const log = header.digest[1]!;
    expect(log.tag).toBe("Consensus");
    if (log.tag !== "Consensus") return;
    const decoded = BabeConsensusLog.dec(log.value.data);
    expect(decoded.tag).toBe("NextEpochData");
    if (decoded.tag !== "NextEpochData") return;
    expect(decoded.value.authorities.map(([k, w]) => [toHex(k), w])).toEqual(
      KUSAMA_BLOCK_1.authorities.map((k) => [k, 1n]),
    );
    expect(toHex(decoded.value.randomness)).toBe(`0x${"00".repeat(32)}`);
    expect(toHex(BabeConsensusLog.enc(decoded))).toBe(toHex(log.value.data));
    expect(toHex(Header.enc(header))).toBe(KUSAMA_BLOCK_1.header);
  });
});
