import { describe, expect, it } from "vitest";
import { inSlices } from "./slices.ts";

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // a validation's worth of work
  }
};

describe("work in slices", () => {
  it("gives the event loop back every few milliseconds, in order, with every result", async () => {
    const events: string[] = [];
    setTimeout(() => events.push("timer"), 0);
    const results = await inSlices([...Array(20).keys()], (i) => {
      busy(1);
      events.push(`item ${i}`);
      return i * 2;
    });
    expect(results).toEqual([...Array(20).keys()].map((i) => i * 2));
    // The timer ran between two items, long before the twentieth.
    const at = events.indexOf("timer");
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(15);
  });

  it("stops when told", async () => {
    let seen = 0;
    const results = await inSlices([1, 2, 3, 4], () => ++seen, { stop: () => seen >= 2 });
    expect(results).toEqual([1, 2]);
  });
});
