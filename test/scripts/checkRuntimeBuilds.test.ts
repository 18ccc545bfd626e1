/** `scripts/check-runtime-builds.ts`, run by `npm run lint`: any build output present must match its sources. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { writeBuildOutput } from "@canary/bundler";
import { afterEach, describe, expect, it } from "vitest";
import { RELAY_BUILD_OUTPUT, RELAY_ENTRY } from "../../packages/node/src/service/runtimeCode.ts";
import { copyWorkspace, setRelaySpecVersion, type WorkspaceCopy } from "../support/workspaceCopy.ts";

const copies: WorkspaceCopy[] = [];
afterEach(() => {
  for (const c of copies.splice(0)) c.remove();
});

/** Runs the copy's check in the copy, as `npm run lint` runs it in a checkout. */
function check(copy: WorkspaceCopy) {
  const run = spawnSync(process.execPath, ["scripts/check-runtime-builds.ts"], {
    cwd: copy.root,
    encoding: "utf8",
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe("check-runtime-builds", () => {
  it("passes a clean clone, passes a build output that matches, fails one whose sources changed", async () => {
    const copy = copyWorkspace();
    copies.push(copy);
    expect(check(copy)).toEqual({ status: 0, output: "runtime builds: none present\n" });

    await writeBuildOutput(join(copy.root, RELAY_ENTRY), join(copy.root, RELAY_BUILD_OUTPUT), {
      root: copy.root,
    });
    expect(check(copy)).toEqual({ status: 0, output: "runtime builds: 1 match their sources\n" });

    setRelaySpecVersion(copy, 2_000);
    const stale = check(copy);
    expect(stale.status).toBe(1);
    expect(stale.output).toContain(
      "runtimes/relay/dist/canary_relay_runtime.wasm: its sources changed since it was built (changed: runtimes/relay/src/version.ts)",
    );
    expect(stale.output).toContain("Run `npm run build:runtime` to rebuild them, or delete them.");
  });
});
