import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { blake2_256, toHex } from "@canary/primitives";
import { afterEach, describe, expect, it } from "vitest";
import { bundleRuntime } from "./bundle.ts";
import { BundlerError } from "./errors.ts";
import { findBuildOutputs } from "./findOutputs.ts";
import { type BuildManifest, manifestPathOf } from "./manifest.ts";
import { ESBUILD_VERSION, OPTIONS_FINGERPRINT } from "./options.ts";
import { checkBuildOutput, loadBuildOutput, verifyBuildOutput, writeBuildOutput } from "./output.ts";
import { sourcesHash } from "./sources.ts";
import { fixtureTrees } from "./testTree.ts";

const trees = fixtureTrees();
afterEach(() => trees.removeAll());

const OUT = "runtimes/fixture/dist/fixture_runtime.js";
const sha256 = (data: string): string => `0x${createHash("sha256").update(data).digest("hex")}`;

/** A fixture tree with a build output written from its sources. */
async function built() {
  const root = trees.make();
  const out = join(root, OUT);
  const output = await writeBuildOutput(join(root, "src/main.ts"), out, { root });
  return { root, out, output };
}

function refusal(run: () => unknown): BundlerError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BundlerError);
    return error as BundlerError;
  }
  throw new Error("expected the build output to be refused");
}

describe("writeBuildOutput", () => {
  it("writes the bundle and, next to it, a manifest of its code hash and its sources", async () => {
    const { root, out, output } = await built();
    const code = readFileSync(out);
    expect(toHex(blake2_256(code))).toBe(output.manifest.code.hash);
    expect(Buffer.from(output.code).equals(code)).toBe(true);
    const manifest = JSON.parse(
      readFileSync(join(root, "runtimes/fixture/dist/fixture_runtime.json"), "utf8"),
    );
    expect(manifest).toEqual(output.manifest);
    const text = (path: string) => readFileSync(join(root, path), "utf8");
    expect(manifest).toMatchObject({
      entry: "src/main.ts",
      code: { file: "fixture_runtime.js", bytes: code.length },
      esbuild: ESBUILD_VERSION,
      options: OPTIONS_FINGERPRINT,
    });
    // Every file esbuild read, and the package.json that resolved them, by contents.
    expect(manifest.sources.files).toEqual({
      "package.json": sha256(text("package.json")),
      "src/dep.ts": sha256(text("src/dep.ts")),
      "src/main.ts": sha256(text("src/main.ts")),
    });
    expect(manifest.sources.hash).toBe(sourcesHash("src/main.ts", manifest.sources.files));
  });

  it("writes the bytes bundleRuntime gives for the same sources", async () => {
    const { root, output } = await built();
    const bundle = await bundleRuntime(join(root, "src/main.ts"), { root });
    expect(output.codeHash).toEqual(bundle.codeHash);
  });

  it("gives another sources hash for another esbuild, other options or another entry", async () => {
    const { output } = await built();
    const { files, hash } = output.manifest.sources;
    expect(sourcesHash("src/main.ts", files, { esbuild: "0.0.1", options: OPTIONS_FINGERPRINT })).not.toBe(
      hash,
    );
    expect(sourcesHash("src/main.ts", files, { esbuild: ESBUILD_VERSION, options: "0x00" })).not.toBe(hash);
    expect(sourcesHash("src/dep.ts", files)).not.toBe(hash);
  });
});

describe("checkBuildOutput", () => {
  it("finds a build output fresh while its sources are unchanged, and serves its code", async () => {
    const { root, out, output } = await built();
    const status = checkBuildOutput(out, { root });
    expect(status.state).toBe("fresh");
    expect(loadBuildOutput(out, { root })).toEqual(output.code);
    expect((await verifyBuildOutput(out, { root })).state).toBe("fresh");
  });

  it("reports no build output as absent, and loads none", () => {
    const root = trees.make();
    expect(checkBuildOutput(join(root, OUT), { root })).toEqual({ state: "absent" });
    expect(loadBuildOutput(join(root, OUT), { root })).toBeUndefined();
  });

  it("refuses a build output whose source changed, naming the output, the file and how to rebuild", async () => {
    const { root, out } = await built();
    writeFileSync(join(root, "src/dep.ts"), "export const answer = 43;\n");
    expect(checkBuildOutput(out, { root })).toMatchObject({
      state: "stale",
      reason: "its sources changed since it was built (changed: src/dep.ts)",
    });
    const error = refusal(() => loadBuildOutput(out, { root }));
    expect(error.code).toBe("RUNTIME_STALE_BUILD");
    expect(error.message).toContain(`The runtime build output ${OUT} does not match its sources`);
    expect(error.message).toContain("changed: src/dep.ts");
    expect(error.message).toContain("Run `npm run build:runtime` to rebuild it, or delete it");
  });

  it("refuses a build output whose source is gone", async () => {
    const { root, out } = await built();
    rmSync(join(root, "src/dep.ts"));
    expect(checkBuildOutput(out, { root })).toMatchObject({
      state: "stale",
      reason: expect.stringContaining("missing: src/dep.ts"),
    });
  });

  it("refuses a build output whose sources import a new file (the importer changed)", async () => {
    const { root, out } = await built();
    writeFileSync(join(root, "src/extra.ts"), "export const extra = 1;\n");
    const main = readFileSync(join(root, "src/main.ts"), "utf8");
    writeFileSync(join(root, "src/main.ts"), `import "./extra.ts";\n${main}`);
    expect(checkBuildOutput(out, { root })).toMatchObject({
      state: "stale",
      reason: expect.stringContaining("changed: src/main.ts"),
    });
  });

  it("refuses a build output after a package.json that resolves its sources changed", async () => {
    const { root, out } = await built();
    writeFileSync(
      join(root, "package.json"),
      JSON.stringify({ name: "fixture", type: "module", sideEffects: false }),
    );
    expect(checkBuildOutput(out, { root })).toMatchObject({
      state: "stale",
      reason: expect.stringContaining("changed: package.json"),
    });
  });

  it("refuses a build output with no manifest, or whose bytes are not the ones its manifest records", async () => {
    const { root, out } = await built();
    writeFileSync(out, `${readFileSync(out, "utf8")}\n// edited\n`);
    expect(checkBuildOutput(out, { root })).toMatchObject({
      state: "stale",
      reason: expect.stringMatching(
        /^its bytes \(code hash 0x[0-9a-f]{64}\) are not the ones its manifest records/,
      ),
    });
    rmSync(manifestPathOf(out));
    expect(checkBuildOutput(out, { root })).toMatchObject({
      state: "stale",
      reason: expect.stringContaining("it has no manifest (runtimes/fixture/dist/fixture_runtime.json)"),
    });
    writeFileSync(manifestPathOf(out), "{ not json");
    expect(checkBuildOutput(out, { root })).toMatchObject({
      state: "stale",
      reason: expect.stringContaining(
        "its manifest runtimes/fixture/dist/fixture_runtime.json cannot be read",
      ),
    });
  });

  it("refuses a build output made by another esbuild or with other options", async () => {
    const { root, out, output } = await built();
    const rewrite = (change: Partial<BuildManifest>) =>
      writeFileSync(manifestPathOf(out), JSON.stringify({ ...output.manifest, ...change }));
    rewrite({ esbuild: "0.19.0" });
    expect(checkBuildOutput(out, { root })).toMatchObject({
      state: "stale",
      reason: `it was built with esbuild 0.19.0, and this checkout has esbuild ${ESBUILD_VERSION}`,
    });
    rewrite({ options: `0x${"00".repeat(32)}` });
    expect(checkBuildOutput(out, { root })).toMatchObject({
      state: "stale",
      reason: expect.stringContaining("other esbuild options"),
    });
    rewrite({ sources: { ...output.manifest.sources, hash: `0x${"00".repeat(32)}` } });
    expect(checkBuildOutput(out, { root })).toMatchObject({
      state: "stale",
      reason: expect.stringContaining("sources hash"),
    });
  });
});

describe("verifyBuildOutput", () => {
  it("also refuses an output when a new file changes what an import resolves to", async () => {
    const root = trees.make();
    const file = (name: string) => join(root, "src", name);
    // main imports `./dep`, which resolves to dep.js while there is no dep.ts.
    writeFileSync(file("main.ts"), readFileSync(file("main.ts"), "utf8").replace("./dep.ts", "./dep"));
    rmSync(file("dep.ts"));
    writeFileSync(file("dep.js"), "export const answer = 42;\n");
    const out = join(root, OUT);
    await writeBuildOutput(file("main.ts"), out, { root });
    // A dep.ts added next to it is resolved first (.ts before .js), and no listed file changed.
    writeFileSync(file("dep.ts"), "export const answer = 7;\n");
    expect(checkBuildOutput(out, { root }).state).toBe("fresh");
    expect(await verifyBuildOutput(out, { root })).toMatchObject({
      state: "stale",
      reason: expect.stringContaining("now also built from: src/dep.ts; no longer built from: src/dep.js"),
    });
  });

  it("refuses an output whose bytes its sources no longer build, though they are the same files", async () => {
    const { root, out } = await built();
    // Replaced together with its manifest's code hash: the files still match, only a rebuild sees it.
    const manifest = JSON.parse(readFileSync(manifestPathOf(out), "utf8")) as BuildManifest;
    const other = new TextEncoder().encode("(() => {})();\n");
    writeFileSync(out, other);
    writeFileSync(
      manifestPathOf(out),
      JSON.stringify({ ...manifest, code: { ...manifest.code, hash: toHex(blake2_256(other)) } }),
    );
    expect(checkBuildOutput(out, { root }).state).toBe("fresh");
    expect(await verifyBuildOutput(out, { root })).toMatchObject({
      state: "stale",
      reason: expect.stringContaining("building its sources now gives other bytes"),
    });
  });
});

describe("findBuildOutputs", () => {
  it("lists the bundles in runtimes/*/dist, and nothing in a tree without builds", async () => {
    expect(findBuildOutputs(trees.make())).toEqual([]);
    const { root } = await built();
    expect(findBuildOutputs(root)).toEqual([OUT]);
    expect(existsSync(join(root, "runtimes/fixture/dist/fixture_runtime.json"))).toBe(true);
  });
});
