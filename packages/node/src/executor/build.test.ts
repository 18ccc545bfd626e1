import { fileURLToPath } from "node:url";
import { bundleRuntime } from "@canary/bundler";
import { blake2_256 } from "@canary/primitives";
import { describe, expect, it } from "vitest";

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe("bundleRuntime", () => {
  it("builds the same bytes twice, and the code hash is blake2_256 of them", async () => {
    const first = await bundleRuntime(fixture("echo.ts"));
    const second = await bundleRuntime(fixture("echo.ts"));
    expect(first.code.length).toBeGreaterThan(1000);
    expect(Buffer.from(second.code).equals(Buffer.from(first.code))).toBe(true);
    expect(first.codeHash).toEqual(blake2_256(first.code));
    expect(second.codeHash).toEqual(first.codeHash);
  });

  it("writes no machine-specific path into the bundle", async () => {
    const { code } = await bundleRuntime(fixture("echo.ts"));
    const text = new TextDecoder().decode(code);
    expect(text).not.toContain(fileURLToPath(new URL("../../../../", import.meta.url)));
    // Workspace packages are bundled from their sources.
    expect(text).toContain("packages/primitives/src/");
    expect(text).toContain("canaryRuntime");
  });

  it("gives different runtimes different hashes", async () => {
    const echo = await bundleRuntime(fixture("echo.ts"));
    const other = await bundleRuntime(fixture("other.ts"));
    expect(other.codeHash).not.toEqual(echo.codeHash);
  });
});
