import { TypeRegistry } from "@polkadot/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Header } from "../header.ts";
import { fromHex, toHex } from "../hex.ts";
import type { Codec } from "../scale/codec.ts";
import { kindOf } from "../test/kindOf.ts";
import {
  GrandpaCommit,
  GrandpaConsensusLog,
  GrandpaEquivocationProof,
  GrandpaJustification,
  GrandpaMessage,
  GrandpaSignedMessage,
  type GrandpaTarget,
  grandpaVotePayload,
} from "./grandpa.ts";

const registry = new TypeRegistry();
// polkadot.js lacks these two; they are written from finality_grandpa / sp_consensus_grandpa.
registry.register({
  CanaryGrandpaMessage: {
    _enum: { Prevote: "GrandpaPrevote", Precommit: "GrandpaPrecommit", PrimaryPropose: "GrandpaPrevote" },
  },
  CanaryGrandpaSignedMessage: { message: "CanaryGrandpaMessage", signature: "[u8; 64]", id: "[u8; 32]" },
  CanaryScheduledChange: { nextAuthorities: "Vec<([u8; 32], u64)>", delay: "u32" },
  CanaryGrandpaLog: {
    _enum: {
      Unused: "Null",
      ScheduledChange: "CanaryScheduledChange",
      ForcedChange: "(u32, CanaryScheduledChange)",
      OnDisabled: "u64",
      Pause: "u32",
      Resume: "u32",
    },
  },
});

const bytesN = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const u32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const target: fc.Arbitrary<GrandpaTarget> = fc.record({ targetHash: bytesN(32), targetNumber: u32 });
const message: fc.Arbitrary<GrandpaMessage> = fc.oneof(
  target.map((value) => ({ tag: "Prevote" as const, value })),
  target.map((value) => ({ tag: "Precommit" as const, value })),
  target.map((value) => ({ tag: "PrimaryPropose" as const, value })),
);
const header: fc.Arbitrary<Header> = fc.record({
  parentHash: bytesN(32),
  number: u32,
  stateRoot: bytesN(32),
  extrinsicsRoot: bytesN(32),
  digest: fc.constant([]),
});
const commit: fc.Arbitrary<GrandpaCommit> = fc.record({
  targetHash: bytesN(32),
  targetNumber: u32,
  precommits: fc.array(fc.record({ precommit: target, signature: bytesN(64), id: bytesN(32) }), {
    maxLength: 4,
  }),
});
const justification = fc.record({ round: u64, commit, votesAncestries: fc.array(header, { maxLength: 3 }) });
const change = fc.record({
  nextAuthorities: fc.array(fc.tuple(bytesN(32), u64), { maxLength: 4 }),
  delay: u32,
});
const log: fc.Arbitrary<GrandpaConsensusLog> = fc.oneof(
  change.map((value) => ({ tag: "ScheduledChange" as const, value })),
  fc.tuple(u32, change).map((value) => ({ tag: "ForcedChange" as const, value })),
  u64.map((value) => ({ tag: "OnDisabled" as const, value })),
  u32.map((value) => ({ tag: "Pause" as const, value })),
  u32.map((value) => ({ tag: "Resume" as const, value })),
);

const pjsTarget = (t: GrandpaTarget) => ({ targetHash: toHex(t.targetHash), targetNumber: t.targetNumber });
const pjsMessage = (m: GrandpaMessage) => ({ [m.tag]: pjsTarget(m.value) });
const pjsCommit = (c: GrandpaCommit) => ({
  ...pjsTarget(c),
  precommits: c.precommits.map((p) => ({
    precommit: pjsTarget(p.precommit),
    signature: toHex(p.signature),
    id: toHex(p.id),
  })),
});
const pjsHeader = (h: Header) => ({
  parentHash: toHex(h.parentHash),
  number: h.number,
  stateRoot: toHex(h.stateRoot),
  extrinsicsRoot: toHex(h.extrinsicsRoot),
  digest: { logs: [] },
});
const pjsChange = (c: { nextAuthorities: Array<[Uint8Array, bigint]>; delay: number }) => ({
  nextAuthorities: c.nextAuthorities.map(([k, w]) => [toHex(k), w]),
  delay: c.delay,
});
function pjsLog(l: GrandpaConsensusLog): Record<string, unknown> {
  if (l.tag === "ScheduledChange") return { ScheduledChange: pjsChange(l.value) };
  if (l.tag === "ForcedChange") return { ForcedChange: [l.value[0], pjsChange(l.value[1])] };
  return { [l.tag]: l.value };
}

function expectRefusesCuts<T>(codec: Codec<T>, bytes: Uint8Array): void {
  for (let n = 0; n < bytes.length; n++) {
    const kind = kindOf(() => codec.dec(bytes.subarray(0, n)));
    expect(kind).not.toBe("ok");
    expect(kind).not.toMatch(/^not a/);
  }
  expect(kindOf(() => codec.dec(fromHex(`${toHex(bytes)}00`)))).toBe("trailing-bytes");
}

describe("GRANDPA votes and the signed payload", () => {
  it("Message and SignedMessage match polkadot.js types, both ways", () => {
    fc.assert(
      fc.property(message, bytesN(64), bytesN(32), (m, signature, id) => {
        const bytes = GrandpaMessage.enc(m);
        expect(toHex(bytes)).toBe(registry.createType("CanaryGrandpaMessage", pjsMessage(m)).toHex());
        expect(GrandpaMessage.dec(bytes)).toEqual(m);
        const signed = GrandpaSignedMessage.enc({ message: m, signature, id });
        expect(toHex(signed)).toBe(
          registry
            .createType("CanaryGrandpaSignedMessage", {
              message: pjsMessage(m),
              signature: toHex(signature),
              id: toHex(id),
            })
            .toHex(),
        );
      }),
      { numRuns: 100 },
    );
  });

  it("the payload is SCALE((message, round u64, set_id u64)): for a precommit 01 ‖ hash ‖ number ‖ round ‖ set id", () => {
    const hash = new Uint8Array(32).fill(0x11);
    const payload = grandpaVotePayload(
      { tag: "Precommit", value: { targetHash: hash, targetNumber: 0x01020304 } },
      5n,
      0x0102n,
    );
    expect(toHex(payload)).toBe(`0x01${"11".repeat(32)}04030201${"0500000000000000"}${"0201000000000000"}`);
    expect(payload.length).toBe(1 + 32 + 4 + 8 + 8);
    fc.assert(
      fc.property(message, u64, u64, (m, round, setId) => {
        expect(toHex(grandpaVotePayload(m, round, setId))).toBe(
          registry.createType("(CanaryGrandpaMessage, u64, u64)", [pjsMessage(m), round, setId]).toHex(),
        );
      }),
      { numRuns: 50 },
    );
  });

  it("refuses an unknown message index, truncations and trailing bytes", () => {
    expect(kindOf(() => GrandpaMessage.dec(fromHex(`0x03${"00".repeat(36)}`)))).toBe("unknown-variant");
    fc.assert(
      fc.property(message, (m) => expectRefusesCuts(GrandpaMessage, GrandpaMessage.enc(m))),
      { numRuns: 10 },
    );
  });
});

describe("GRANDPA commit and justification", () => {
  it("match @polkadot/types GrandpaCommit and GrandpaJustification, both ways", () => {
    fc.assert(
      fc.property(justification, (j) => {
        expect(toHex(GrandpaCommit.enc(j.commit))).toBe(
          registry.createType("GrandpaCommit", pjsCommit(j.commit)).toHex(),
        );
        const bytes = GrandpaJustification.enc(j);
        const theirs = registry.createType("GrandpaJustification", {
          round: j.round,
          commit: pjsCommit(j.commit),
          votesAncestries: j.votesAncestries.map(pjsHeader),
        });
        expect(toHex(bytes)).toBe(theirs.toHex());
        expect(GrandpaJustification.dec(bytes)).toEqual(j);
      }),
      { numRuns: 100 },
    );
  });

  it("refuses truncations and trailing bytes", () => {
    fc.assert(
      fc.property(justification, (j) => expectRefusesCuts(GrandpaJustification, GrandpaJustification.enc(j))),
      { numRuns: 10 },
    );
  });
});

describe("GRANDPA ConsensusLog", () => {
  it("matches a polkadot.js type written from sp_consensus_grandpa, both ways", () => {
    fc.assert(
      fc.property(log, (l) => {
        const bytes = GrandpaConsensusLog.enc(l);
        expect(toHex(bytes)).toBe(registry.createType("CanaryGrandpaLog", pjsLog(l)).toHex());
        expect(GrandpaConsensusLog.dec(bytes)).toEqual(l);
      }),
      { numRuns: 150 },
    );
  });

  it("has Substrate's indices and refuses 0 and 6", () => {
    expect(toHex(GrandpaConsensusLog.enc({ tag: "Pause", value: 7 }))).toBe("0x0407000000");
    expect(toHex(GrandpaConsensusLog.enc({ tag: "OnDisabled", value: 2n }))).toBe("0x030200000000000000");
    expect(kindOf(() => GrandpaConsensusLog.dec(Uint8Array.of(0, 0, 0, 0, 0)))).toBe("unknown-variant");
    expect(kindOf(() => GrandpaConsensusLog.dec(Uint8Array.of(6, 0, 0, 0, 0)))).toBe("unknown-variant");
    fc.assert(
      fc.property(log, (l) => expectRefusesCuts(GrandpaConsensusLog, GrandpaConsensusLog.enc(l))),
      {
        numRuns: 10,
      },
    );
  });
});

describe("GRANDPA equivocation proof", () => {
  it("matches @polkadot/types GrandpaEquivocationProof", () => {
    fc.assert(
      fc.property(
        u64,
        u64,
        bytesN(32),
        target,
        target,
        bytesN(64),
        bytesN(64),
        fc.boolean(),
        (setId, round, id, a, b, sa, sb, pre) => {
          const value = {
            roundNumber: round,
            identity: id,
            first: [a, sa] as [GrandpaTarget, Uint8Array],
            second: [b, sb] as [GrandpaTarget, Uint8Array],
          };
          const proof: GrandpaEquivocationProof = {
            setId,
            equivocation: pre ? { tag: "Prevote", value } : { tag: "Precommit", value },
          };
          const bytes = GrandpaEquivocationProof.enc(proof);
          const pjsValue = {
            roundNumber: round,
            identity: toHex(id),
            first: [pjsTarget(a), toHex(sa)],
            second: [pjsTarget(b), toHex(sb)],
          };
          expect(toHex(bytes)).toBe(
            registry
              .createType("GrandpaEquivocationProof", {
                setId,
                equivocation: { [pre ? "Prevote" : "Precommit"]: pjsValue },
              })
              .toHex(),
          );
          expect(GrandpaEquivocationProof.dec(bytes)).toEqual(proof);
        },
      ),
      { numRuns: 50 },
    );
  });
});
