import type { Block } from "@canary/primitives";
import { describe, expect, it } from "vitest";
import { createLogger } from "../service/logger.ts";
import type { AuthoredBlock } from "./blockAuthor.ts";
import { TestClock } from "./testClock.ts";
import { AuthorshipWorker, type AuthorshipWorkerOptions } from "./worker.ts";

const MS = 1_000;

/** A worker over a fake author (block n has hash [n]) that records what happens, and when. */
function setup(
  options: Partial<AuthorshipWorkerOptions> & {
    fail?: (n: number) => boolean;
    /** Whether BABE gives this node the slot (default: the even ones). */
    ours?: (slot: bigint) => boolean;
  } = {},
) {
  const clock = new TestClock(10_000_000);
  const events: string[] = [];
  const lines: string[] = [];
  let number = 0;
  let worker: AuthorshipWorker | undefined;
  const build = (): AuthoredBlock => {
    worker!.authorBlock(); // re-entry while authoring is ignored
    if (options.fail?.(number + 1)) throw new Error(`cannot build #${number + 1}`);
    number++;
    events.push(`author #${number} at ${clock.now()}`);
    const block: Block = { header: {} as Block["header"], extrinsics: [] };
    const imported = { hash: new Uint8Array([number]), number } as AuthoredBlock["imported"];
    return { block, imported, rejected: 0 };
  };
  const ours = options.ours ?? ((slot: bigint) => slot % 2n === 0n);
  const author = { author: build, authorInSlot: (slot: bigint) => (ours(slot) ? build() : undefined) };
  worker = new AuthorshipWorker({
    author,
    chain: { finalize: (hash) => events.push(`finalize #${hash[0]} at ${clock.now()}`) },
    pool: { blockFinalized: (hash) => events.push(`pool hears #${hash[0]} is final`) },
    mode: "slots",
    slotDurationMs: MS,
    log: createLogger("debug", (l) => lines.push(l)),
    clock,
    ...options,
  });
  return { worker, clock, events, lines };
}

describe("the authorship worker", () => {
  it("authors in the slots BABE gives it, each block finalized a moment later (dev finality)", () => {
    const { worker, clock, events, lines } = setup({ finalityDelayMs: 250 });
    worker.start();
    expect(lines.join("\n")).toContain("👶 Authoring with BABE in slots of 1000 ms");
    clock.advance(4_000);
    expect(events).toEqual([
      "author #1 at 10002000",
      "finalize #1 at 10002250",
      "pool hears #1 is final",
      "author #2 at 10004000",
    ]);
    worker.stop();
    clock.advance(10_000);
    expect(events).toHaveLength(4); // neither #2's finality nor another slot after stop
  });

  it("leaves finality alone without a finality delay", () => {
    const { worker, clock, events } = setup({ ours: () => true });
    worker.start();
    clock.advance(2_000);
    expect(events).toEqual(["author #1 at 10001000", "author #2 at 10002000"]);
  });

  it("with instant seal, authors when a transaction arrives and never on the clock", async () => {
    const { worker, clock, events, lines } = setup({ mode: "instant" });
    worker.start();
    expect(lines.join("\n")).toContain("⚡ Instant seal");
    clock.advance(10_000);
    expect(events).toEqual([]);
    worker.transactionArrived();
    expect(events).toEqual([]); // not within the submission itself
    await Promise.resolve();
    expect(events).toEqual(["author #1 at 10010000"]);
  });

  it("logs a failed authoring, and authors again in its next slot", () => {
    let attempts = 0;
    const { worker, clock, events, lines } = setup({ fail: () => ++attempts === 1 });
    worker.start();
    clock.advance(2_000);
    expect(lines.join("\n")).toMatch(/ERROR block authoring failed: cannot build #1/);
    expect(events).toEqual([]);
    clock.advance(2_000);
    expect(events).toEqual(["author #1 at 10004000"]);
  });
});
