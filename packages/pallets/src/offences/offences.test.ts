import { Bytes, blake2_256, concatBytes, toHex, u64 } from "@canary/primitives";
import { afterEach, describe, expect, it } from "vitest";
import {
  blockEvents,
  checkSystemInvariants,
  type MockChain,
  mockChain,
  startBlock,
} from "../test/mockRuntime.ts";
import {
  BABE_EQUIVOCATION,
  DuplicateReport,
  equivocationSlash,
  type Offence,
  type OffenceDetails,
  Offences,
  type OffencesInstance,
} from "./index.ts";

const account = (n: number) => new Uint8Array(32).fill(n);
const heard: Array<{ offenders: string[]; fractions: bigint[]; session: number }> = [];
let chain: MockChain & { offences: OffencesInstance };
afterEach(() => {
  heard.length = 0;
  if (chain) expect(checkSystemInvariants(chain)).toEqual([]);
});

function setup() {
  chain = mockChain((b) => ({
    offences: b.add(7, Offences, {
      onOffence: (offenders: OffenceDetails[], fractions, session) =>
        heard.push({ offenders: offenders.map((o) => toHex(o.offender)), fractions, session }),
    }),
  }));
  startBlock(chain);
}

/** A BABE equivocation in `slot` by `offenders` among `n` validators. */
const equivocation = (slot: bigint, offenders: number[], n = 10): Offence => ({
  kind: BABE_EQUIVOCATION,
  timeSlot: u64.enc(slot),
  offenders: offenders.map(account),
  session: 3,
  validatorSetCount: n,
  slashFraction: (k) => equivocationSlash(k, n),
});
const report = (offence: Offence, reporter = 9) =>
  chain.run(() => chain.offences.api.reportOffence([account(reporter)], offence));

describe("offences", () => {
  it("records each offender once, with its reporters, and hands all concurrent offenders to onOffence", () => {
    setup();
    report(equivocation(5n, [1]));
    report(equivocation(5n, [2]));
    expect(heard).toEqual([
      { offenders: [toHex(account(1))], fractions: [equivocationSlash(1, 10)], session: 3 },
      // The second report in the same slot: both offenders, at the fraction for two.
      {
        offenders: [toHex(account(1)), toHex(account(2))],
        fractions: [equivocationSlash(2, 10), equivocationSlash(2, 10)],
        session: 3,
      },
    ]);
    const id = blake2_256(concatBytes(BABE_EQUIVOCATION, Bytes.enc(u64.enc(5n)), account(1)));
    chain.run(() =>
      expect(chain.offences.storage.Reports.get(id)).toEqual({
        offender: account(1),
        reporters: [account(9)],
      }),
    );
    expect(blockEvents(chain).map((e) => e.name)).toEqual(["Offences.Offence", "Offences.Offence"]);
  });

  it("refuses a report whose offenders were all reported for that kind and time slot; another slot is new", () => {
    setup();
    report(equivocation(5n, [1]));
    expect(() => report(equivocation(5n, [1]), 8)).toThrow(DuplicateReport);
    expect(heard).toHaveLength(1);
    report(equivocation(6n, [1]));
    expect(heard).toHaveLength(2);
  });

  it("slashes min(3k/n, 1)² in Perbill", () => {
    expect(equivocationSlash(1, 10)).toBe(90_000_000n); // (0.3)² = 0.09
    expect(equivocationSlash(1, 3)).toBe(1_000_000_000n);
    expect(equivocationSlash(1, 1000)).toBe(9_000n); // 0.003² = 0.000009
    expect(equivocationSlash(1, 7)).toBe(183_673_468n); // floor(3e9/7)² / 1e9, truncated
  });
});
