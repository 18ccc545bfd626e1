import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Random, seeded } from "../../../../test/support/seeded.ts";
import { CRASH_CHAIN, verifyBatches } from "./crashWriter.fixture.ts";
import { openDatabase } from "./openDatabase.ts";

const fixture = join(import.meta.dirname, "crashWriter.fixture.ts");
const dir = mkdtempSync(join(tmpdir(), "canary-db-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the writer; resolves once it is killed by SIGKILL after a delay drawn from `random`. */
async function runAndKill(
  path: string,
  killBeforeReady: boolean,
  random: Random,
): Promise<NodeJS.Signals | null> {
  const child: ChildProcess = spawn(process.execPath, [fixture, path], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => {
    stderr += d;
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on("exit", (_code, signal) => resolve(signal)),
  );
  const kill = () => setTimeout(() => child.kill("SIGKILL"), random.between(10, 160));
  if (killBeforeReady) {
    // Somewhere in start-up or in the creation of the database.
    setTimeout(() => child.kill("SIGKILL"), random.below(400));
  } else {
    child.stdout!.on("data", (d: Buffer) => {
      if (d.toString().includes("ready")) kill();
    });
  }
  const signal = await exited;
  if (signal !== "SIGKILL") throw new Error(`writer exited by itself (signal ${signal}): ${stderr}`);
  return signal;
}

describe("crash safety", () => {
  it("keeps every batch whole or absent across SIGKILLs at random moments", async () => {
    const random = seeded(); // the kill moments; a failure prints the seed that replays them
    const path = join(dir, "db");
    let last = -1;
    for (let round = 0; round < 10; round++) {
      await runAndKill(path, round % 4 === 0, random);
      const db = openDatabase({ path, chain: CRASH_CHAIN }); // opens cleanly after every kill
      try {
        const now = verifyBatches(db);
        expect(now, `round ${round}: batches never disappear`).toBeGreaterThanOrEqual(last);
        last = now;
      } finally {
        await db.close();
      }
    }
    // The kills landed while batches were being committed, not before the first one.
    expect(last).toBeGreaterThan(0);
  }, 60_000);
});
