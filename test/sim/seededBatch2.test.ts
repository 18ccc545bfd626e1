/** Seeded runs, batch 2 of 2 (seededRun.ts says what each run draws and checks). */
import type { Executor, Genesis } from "@canary/node";
import { beforeAll, describe, expect, it } from "vitest";
import { checkRun, RUNS_PER_BATCH } from "./seededRun.ts";
import { batchSeeds, simSetup } from "./support.ts";

let genesis: Genesis;
let executor: Executor;
beforeAll(async () => {
  ({ genesis, executor } = await simSetup());
}, 60_000);

describe("seeded runs, batch 2", () => {
  it(`safety and liveness over ${RUNS_PER_BATCH} seeds`, () => {
    const problems = batchSeeds(RUNS_PER_BATCH, 2_000_000).flatMap((seed) =>
      checkRun(seed, genesis, executor),
    );
    expect(problems).toEqual([]);
  }, 600_000);
});
