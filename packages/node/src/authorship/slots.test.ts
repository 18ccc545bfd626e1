import { describe, expect, it } from "vitest";
import { SlotScheduler, slotAt } from "./slots.ts";
import { TestClock } from "./testClock.ts";

const MS = 1_000;

function schedule(clock: TestClock) {
  const slots: Array<{ slot: bigint; at: number }> = [];
  const scheduler = new SlotScheduler({
    slotDurationMs: MS,
    clock,
    onSlot: (slot) => slots.push({ slot, at: clock.now() }),
  });
  return { scheduler, slots };
}

describe("slots", () => {
  it("counts slots from the Unix epoch", () => {
    expect(slotAt(0, MS)).toBe(0n);
    expect(slotAt(1_700_000_005_999, 6_000)).toBe(283_333_334n);
  });
});

describe("the slot scheduler", () => {
  it("wakes at each slot boundary, aligned to the epoch, not to when it started", () => {
    const clock = new TestClock(5_000_250);
    const { scheduler, slots } = schedule(clock);
    scheduler.start();
    clock.advance(749);
    expect(slots).toEqual([]);
    clock.advance(3_000);
    expect(slots).toEqual([
      { slot: 5001n, at: 5_001_000 },
      { slot: 5002n, at: 5_002_000 },
      { slot: 5003n, at: 5_003_000 },
    ]);
  });

  it("waits for the boundary when its timer fires early, and sees each slot once", () => {
    const clock = new TestClock(7_000_000, 3);
    const { scheduler, slots } = schedule(clock);
    scheduler.start();
    clock.advance(3_000);
    expect(slots).toEqual([
      { slot: 7001n, at: 7_001_000 },
      { slot: 7002n, at: 7_002_000 },
      { slot: 7003n, at: 7_003_000 },
    ]);
  });

  it("skips the slots it missed while the process was busy, instead of making them up", () => {
    const clock = new TestClock(8_000_000);
    const { scheduler, slots } = schedule(clock);
    scheduler.start();
    clock.advance(1_000);
    clock.stall(3_500); // the timer for 8_002_000 is overdue
    clock.advance(0);
    clock.advance(1_000);
    expect(slots).toEqual([
      { slot: 8001n, at: 8_001_000 },
      { slot: 8004n, at: 8_004_500 },
      { slot: 8005n, at: 8_005_000 },
    ]);
  });

  it("goes on after a slot whose work threw, and stops when told", () => {
    const clock = new TestClock(9_000_000);
    let calls = 0;
    const scheduler = new SlotScheduler({
      slotDurationMs: MS,
      clock,
      onSlot: () => {
        calls++;
        if (calls === 1) throw new Error("authoring blew up");
      },
    });
    scheduler.start();
    expect(() => clock.advance(1_000)).toThrow("authoring blew up");
    clock.advance(1_000);
    expect(calls).toBe(2);
    scheduler.stop();
    expect(clock.pending).toBe(0);
    clock.advance(5_000);
    expect(calls).toBe(2);
  });
});
