import { afterEach, describe, expect, it } from "vitest";
import { NodeMetrics } from "./metrics.ts";

describe("NodeMetrics", () => {
  let metrics: NodeMetrics | undefined;
  afterEach(async () => {
    await metrics?.close();
    metrics = undefined;
  });

  it("serves the process's resident memory, read at the scrape", async () => {
    metrics = new NodeMetrics();
    const port = await metrics.listen(0);
    const body = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(body).toContain("# TYPE process_resident_memory_bytes gauge");
    const value = Number(/^process_resident_memory_bytes (\d+)$/m.exec(body)?.[1]);
    // This test process holds at least its own heap, and far less than a terabyte.
    expect(value).toBeGreaterThanOrEqual(process.memoryUsage().heapUsed);
    expect(value).toBeLessThan(2 ** 40);
  });

  it("answers 404 outside /metrics", async () => {
    metrics = new NodeMetrics();
    const port = await metrics.listen(0);
    const res = await fetch(`http://127.0.0.1:${port}/other`);
    expect(res.status).toBe(404);
  });
});
