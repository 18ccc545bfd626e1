import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { blake2_256 } from "@canary/primitives";
import { afterEach, describe, expect, it } from "vitest";
import { buildRuntime, bundleRuntime, REPO_ROOT } from "./bundle.ts";
import { BundlerError } from "./errors.ts";
import { fixtureTrees } from "./testTree.ts";

const trees = fixtureTrees();
afterEach(() => trees.removeAll());
const fixtureTree = () => trees.make();

describe("bundleRuntime", () => {
  it("builds the relay runtime to the same bytes twice, and the code hash is blake2_256 of them", async () => {
    const entry = join(REPO_ROOT, "runtimes/relay/src/main.ts");
    const first = await bundleRuntime(entry);
    const second = await bundleRuntime(entry);
    expect(first.code.length).toBeGreaterThan(100_000);
    expect(Buffer.from(second.code).equals(Buffer.from(first.code))).toBe(true);
    expect(first.codeHash).toEqual(blake2_256(first.code));
  });

  it("gives the same bytes for the same sources in two different directories", async () => {
    const [a, b] = [fixtureTree(), fixtureTree()];
    const one = await bundleRuntime(join(a!, "src/main.ts"), { root: a });
    const two = await bundleRuntime(join(b!, "src/main.ts"), { root: b });
    expect(two.codeHash).toEqual(one.codeHash);
    const text = new TextDecoder().decode(one.code);
    expect(text).not.toContain(a);
    expect(text).toContain("// src/dep.ts");
  });

  it("lists the files it read, relative to the root, sorted", async () => {
    const root = fixtureTree();
    const { inputs } = await buildRuntime(join(root, "src/main.ts"), { root });
    expect(inputs).toEqual(["src/dep.ts", "src/main.ts"]);
  });

  it("reads no tsconfig.json: the bundle depends on the pinned options only", async () => {
    const root = fixtureTree();
    const before = await bundleRuntime(join(root, "src/main.ts"), { root });
    writeFileSync(
      join(root, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { useDefineForClassFields: false, strict: false } }),
    );
    const after = await bundleRuntime(join(root, "src/main.ts"), { root });
    expect(after.codeHash).toEqual(before.codeHash);
  });

  it("refuses an entry that does not build, naming the problem", async () => {
    const root = fixtureTree();
    writeFileSync(join(root, "src/main.ts"), 'import { nothing } from "./absent.ts";\nnothing();\n');
    const failure = await bundleRuntime(join(root, "src/main.ts"), { root }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BundlerError);
    expect(failure).toMatchObject({ code: "RUNTIME_BUILD_FAILED" });
    expect((failure as Error).message).toMatch(/absent\.ts.*src\/main\.ts:1/);
  });
});
