// Builds a runtime entry file into the one JavaScript bundle stored on chain under `:code`
// (DESIGN.md §1). Every option is pinned so that the same sources give the same bytes, and so
// the same code hash, on every machine.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { blake2_256, toHex } from "@canary/primitives";
import { type BuildOptions, build } from "esbuild";

/** The repository root: paths esbuild writes into the bundle are relative to it, never to the machine. */
export const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));

export interface RuntimeBundle {
  readonly code: Uint8Array;
  readonly codeHash: Uint8Array;
}

function options(entry: string): BuildOptions {
  return {
    entryPoints: [entry],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    write: false,
    format: "iife",
    platform: "neutral",
    target: "es2023",
    // Workspace packages export `./src/index.ts`; third-party ones may only have main/module.
    mainFields: ["module", "main"],
    conditions: [],
    resolveExtensions: [".ts", ".js", ".mjs"],
    treeShaking: true,
    minify: false,
    sourcemap: false,
    legalComments: "none",
    charset: "utf8",
    keepNames: false,
    // The executor's context has no Promise (the runtime API is synchronous, and a rejected promise
    // nobody handles would reach the node's process): lower async syntax and import() to helpers
    // that need the missing global, so using them is a plain, deterministic panic.
    supported: { "async-await": false, "async-generator": false, "dynamic-import": false },
    logLevel: "silent",
  };
}

/** Bundles `entryFile` (relative to the current directory or absolute); the entry sets `globalThis.canaryRuntime`. */
export async function bundleRuntime(entryFile: string): Promise<RuntimeBundle> {
  const entry = isAbsolute(entryFile) ? entryFile : resolve(entryFile);
  const result = await build(options(entry));
  const output = result.outputFiles?.[0];
  if (output === undefined) throw new Error(`esbuild produced no output for ${entryFile}`);
  // Copy into a buffer of its own: esbuild's output may be a view over a larger one.
  const code = output.contents.slice();
  return { code, codeHash: blake2_256(code) };
}

async function main(args: string[]): Promise<void> {
  const [entry, out] = args;
  if (entry === undefined || out === undefined) {
    console.error("usage: node scripts/bundleRuntime.ts <entry.ts> <out.js>");
    process.exit(2);
  }
  const { code, codeHash } = await bundleRuntime(entry);
  mkdirSync(dirname(resolve(out)), { recursive: true });
  writeFileSync(out, code);
  console.log(`${out}: ${code.length} bytes, code hash ${toHex(codeHash)}`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
