import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ENTRY = join(import.meta.dirname, "entry.ts");
const run = (...args: string[]) => spawnSync(process.execPath, [ENTRY, ...args], { encoding: "utf8" });

describe("the canary entry (npm run canary)", () => {
  it("runs the command after its heap settings", () => {
    const out = run("key", "inspect", "//Alice");
    expect(out.status).toBe(0);
    expect(out.stdout).toContain("0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
  });

  it("keeps the command's exit codes", () => {
    const out = run("--no-such-flag");
    expect(out.status).toBe(2);
    expect(out.stderr).toContain("Unknown option '--no-such-flag'");
  });
});
